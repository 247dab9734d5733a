// One client connection: frames in, responses out in request order. (WP-3)
// - serial (default, Kafka's behaviour): like SocketServer muting a channel, the next request is
//   not handled until the previous response has been sent;
// - concurrent: requests are handled as they arrive (a parked JoinGroup does not hold up a
//   Heartbeat on the same connection), and responses still leave in request order.
// Reading pauses while too many requests wait, so one client cannot grow the queue without bound.
import type { Socket } from 'node:net';
import { type ConnectionInfo, dispatch, type Outcome } from './dispatch.ts';
import { type ResolvedFetchPath, type SendStats, sendEncoded } from './fetch-path.ts';
import { FrameDecoder } from './framing.ts';
import type { BrokerHandler } from './handler.ts';
import type { Logger } from './logger.ts';

export type Pipelining = 'serial' | 'concurrent';

export interface ConnectionOptions {
  connectionId: number;
  brokerId: number;
  handler: BrokerHandler;
  maxRequestBytes: number;
  maxQueuedRequests: number;
  pipelining: Pipelining;
  fetchPath: ResolvedFetchPath;
  sendfileTimeoutMs: number;
  logger: Logger;
  stats: SendStats;
}

export class Connection {
  private readonly decoder: FrameDecoder;
  private readonly abort = new AbortController();
  /** Requests in arrival order; in concurrent mode each one's handling has already started. */
  private readonly queue: (() => Promise<Outcome>)[] = [];
  private draining = false;
  private closed = false;
  private paused = false;
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor(
    private readonly socket: Socket,
    private readonly options: ConnectionOptions,
  ) {
    this.decoder = new FrameDecoder(options.maxRequestBytes);
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.close(`socket error: ${error.message}`, 'debug'));
    socket.on('close', () => this.close('peer closed', 'debug'));
  }

  private get info(): ConnectionInfo {
    return {
      connectionId: this.options.connectionId,
      brokerId: this.options.brokerId,
      clientHost: this.socket.remoteAddress ?? '',
      signal: this.abort.signal,
    };
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Buffer[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      this.close((error as Error).message, 'warn');
      return;
    }
    for (const frame of frames) this.enqueue(frame);
  }

  private enqueue(frame: Buffer): void {
    const { handler, pipelining, maxQueuedRequests } = this.options;
    const info = this.info;
    // Never rejects: a started-but-not-yet-awaited promise must not become an unhandled rejection.
    const handle = (): Promise<Outcome> =>
      dispatch(frame, handler, info).catch((error: unknown) => ({
        kind: 'close' as const,
        reason: `internal error: ${(error as Error).stack ?? error}`,
      }));
    if (pipelining === 'concurrent') {
      const started = handle();
      this.queue.push(() => started);
    } else {
      this.queue.push(handle);
    }
    if (this.queue.length >= maxQueuedRequests && !this.paused) {
      this.paused = true;
      this.socket.pause();
    }
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const next = this.queue.shift()!;
        if (this.paused && this.queue.length < this.options.maxQueuedRequests / 2) {
          this.paused = false;
          this.socket.resume();
        }
        const outcome = await next();
        if (this.closed) return;
        await this.deliver(outcome);
      }
    } catch (error) {
      this.close(`internal error: ${(error as Error).stack ?? error}`, 'error');
    } finally {
      this.draining = false;
    }
  }

  private async deliver(outcome: Outcome): Promise<void> {
    if (outcome.kind === 'close') {
      const header = outcome.header;
      this.close(
        outcome.reason,
        'warn',
        header ? { apiKey: header.apiKey, apiVersion: header.apiVersion } : {},
      );
      return;
    }
    if (outcome.kind === 'silent') return;
    try {
      await sendEncoded(
        this.socket,
        outcome.encoded,
        this.options.fetchPath,
        this.options.sendfileTimeoutMs,
        this.options.stats,
      );
    } catch (error) {
      this.close(`sending ${outcome.apiName} response failed: ${(error as Error).message}`, 'warn');
    }
  }

  close(
    reason: string,
    level: 'debug' | 'warn' | 'error' = 'debug',
    fields: Record<string, number> = {},
  ): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.abort.abort();
    this.options.logger.log(level, `closing connection: ${reason}`, {
      connectionId: this.options.connectionId,
      brokerId: this.options.brokerId,
      ...fields,
    });
    this.socket.destroy();
    this.resolveDone();
  }
}
