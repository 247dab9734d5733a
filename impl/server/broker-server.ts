// The TCP front of one broker: accepts connections (127.0.0.1 unless told otherwise), frames
// requests, dispatches them to a BrokerHandler through the protocol registry, and sends responses
// in order, with record bytes from segment files going out through sendfile where possible.
import { createServer, type Server, type Socket } from 'node:net';
import type { SendfileLoad } from '../native/index.ts';
import { Connection, type Pipelining } from './connection.ts';
import {
  type FetchPathName,
  type ResolvedFetchPath,
  resolveFetchPath,
  type SendStats,
} from './fetch-path.ts';
import type { BrokerHandler } from './handler.ts';
import { type Logger, stderrLogger } from './logger.ts';

/** Kafka's socket.request.max.bytes default (WP-1). */
export const DEFAULT_MAX_REQUEST_BYTES = 104857600;
/** Kafka's max.connections and max.connections.per.ip defaults: no limit (Int.MaxValue). */
export const UNLIMITED_CONNECTIONS = 2147483647;

export interface BrokerServerOptions {
  brokerId: number;
  handler: BrokerHandler;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  maxRequestBytes?: number;
  /** 'sendfile' (default) falls back to 'copy' with a warning when the addon cannot load. */
  fetchPath?: FetchPathName;
  pipelining?: Pipelining;
  maxQueuedRequests?: number;
  /** max.connections: open connections past this are closed at once, with a log line (Kafka's default: none). */
  maxConnections?: number;
  /** max.connections.per.ip: the same, per client address. */
  maxConnectionsPerIp?: number;
  sendfileTimeoutMs?: number;
  logger?: Logger;
  /** How the sendfile addon is loaded; tests substitute a failing loader to check the fallback. */
  loadSendfile?: () => SendfileLoad;
}

export class BrokerServer {
  private server: Server | undefined;
  private readonly connections = new Set<Connection>();
  private readonly perHost = new Map<string, number>();
  private nextConnectionId = 1;
  readonly fetchPath: ResolvedFetchPath;
  readonly stats: SendStats = { sendfileBytes: 0, copiedBytes: 0 };
  private readonly logger: Logger;

  constructor(private readonly options: BrokerServerOptions) {
    this.logger = options.logger ?? stderrLogger;
    this.fetchPath = resolveFetchPath(options.fetchPath ?? 'sendfile', options.loadSendfile);
    if (this.fetchPath.fallbackReason) {
      this.logger.log(
        'warn',
        `sendfile unavailable, using the copy fetch path: ${this.fetchPath.fallbackReason}`,
        {
          brokerId: options.brokerId,
        },
      );
    }
  }

  async start(): Promise<{ host: string; port: number }> {
    if (this.server) throw new Error('broker server already started');
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    const host = this.options.host ?? '127.0.0.1'; // WP-13
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return this.address();
  }

  address(): { host: string; port: number } {
    const address = this.server?.address();
    if (!address || typeof address === 'string') throw new Error('broker server is not listening');
    return { host: address.address, port: address.port };
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  private accept(socket: Socket): void {
    const refusal = this.overLimit(socket.remoteAddress ?? '');
    if (refusal) {
      // Kafka's acceptor closes such a connection before reading anything, and logs it.
      this.logger.log('warn', `refusing connection: ${refusal}`, {
        brokerId: this.options.brokerId,
        clientHost: socket.remoteAddress ?? '',
      });
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const connection = new Connection(socket, {
      connectionId: this.nextConnectionId++,
      brokerId: this.options.brokerId,
      handler: this.options.handler,
      maxRequestBytes: this.options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
      maxQueuedRequests: this.options.maxQueuedRequests ?? 64,
      pipelining: this.options.pipelining ?? 'serial',
      fetchPath: this.fetchPath,
      sendfileTimeoutMs: this.options.sendfileTimeoutMs ?? 30_000,
      logger: this.logger,
      stats: this.stats,
    });
    this.connections.add(connection);
    const host = socket.remoteAddress ?? '';
    this.perHost.set(host, (this.perHost.get(host) ?? 0) + 1);
    void connection.done.then(() => {
      this.connections.delete(connection);
      const left = (this.perHost.get(host) ?? 1) - 1;
      if (left === 0) this.perHost.delete(host);
      else this.perHost.set(host, left);
    });
  }

  private overLimit(host: string): string | undefined {
    const total = this.options.maxConnections ?? UNLIMITED_CONNECTIONS;
    if (this.connections.size >= total) return `max.connections ${total} reached`;
    const perIp = this.options.maxConnectionsPerIp ?? UNLIMITED_CONNECTIONS;
    if ((this.perHost.get(host) ?? 0) >= perIp) return `max.connections.per.ip ${perIp} reached for ${host}`;
    return undefined;
  }

  /** Stops accepting, closes every connection (aborting parked requests), and waits for both. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const connection of this.connections) connection.close('broker stopping');
    await closed;
  }
}
