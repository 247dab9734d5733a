// Connections to a Kafka-protocol cluster for the kafka: adapter: the bootstrap list, negotiated
// versions per broker (ApiVersions, capped at what kspec's codecs speak), one connection per
// broker for data and admin requests, and one connection per (client, coordinator) for group
// requests, because a broker answers a connection's requests in order and a parked JoinGroup
// would otherwise hold up every other client's request behind it.
import { createConnection } from 'node:net';
import { APIS, type ApiName } from '../../../impl/protocol/registry.ts';
import { KafkaConnection } from './connection.ts';

type Versions = Map<number, { min: number; max: number }>;

export class UnsupportedApiError extends Error {
  override name = 'UnsupportedApiError';
}

export interface Address {
  readonly host: string;
  readonly port: number;
}

export function parseBootstrap(text: string): Address[] {
  const addresses = text.split(',').map((part) => {
    const match = /^(.+):(\d{1,5})$/.exec(part.trim());
    if (!match) throw new Error(`bad broker address '${part}' (expected HOST:PORT)`);
    return { host: match[1]!, port: Number(match[2]) };
  });
  if (addresses.length === 0) throw new Error('kafka: needs at least one HOST:PORT');
  return addresses;
}

interface Open {
  readonly connection: KafkaConnection;
  readonly versions: Versions;
}

/**
 * The client.id a connection announces in its request headers: a client's own name on its main
 * lanes (the JoinGroup lane, `c2` or a spread `c2#1`), as a consumer's client.id, which DescribeGroups
 * shows for a member (GC-31); `kspec-<lane>` for the others (admin, heartbeat, fetch, produce).
 */
export function clientIdOf(lane: string): string {
  const base = lane.replace(/#\d+$/, '');
  const auxiliary = base === 'admin' || /-aux$|^fetch-|^producer-/.test(base);
  return auxiliary ? `kspec-${lane}` : base;
}

export class KafkaTarget {
  private readonly open = new Map<string, Promise<Open>>();
  /** Addresses whose last connection attempt was refused (the process is gone). */
  private readonly refusing = new Set<string>();
  /** Broker addresses by node id, from the last Metadata answer. */
  readonly nodes = new Map<number, Address>();
  /** The broker that last answered a cluster-wide request (requestAnyBroker). */
  private lastAnswered: Address | undefined;

  constructor(
    readonly bootstrap: readonly Address[],
    private readonly timeoutMs: number,
    /** Longest wait for one answer (a parked JoinGroup waits at most the rebalance timeout). */
    private readonly requestTimeoutMs = 20000,
    /**
     * false: cluster-wide questions always go down the bootstrap list in order, as the model's
     * client asks the first broker it reaches (reference:wire, whose bootstrap list is by broker id).
     */
    private readonly preferLastAnswered = true,
  ) {}

  /** A connection to `address` for `lane` (a client name, or 'admin'), opened on first use. */
  async connection(address: Address, lane: string): Promise<Open> {
    const key = `${address.host}:${address.port}/${lane}`;
    let entry = this.open.get(key);
    if (entry) {
      const ready = await entry.catch(() => undefined);
      if (ready && !ready.connection.isClosed) return ready;
      this.open.delete(key);
      entry = undefined;
    }
    entry = (async () => {
      const where = `${address.host}:${address.port}`;
      let connection: KafkaConnection;
      try {
        connection = await KafkaConnection.connect(address.host, address.port, {
          clientId: clientIdOf(lane),
          timeoutMs: this.timeoutMs,
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') this.refusing.add(where);
        throw error;
      }
      this.refusing.delete(where);
      // The handshake counts as part of connecting: a peer that accepts and never answers (or
      // answers something else) fails here within the connect timeout, and its socket is closed
      // rather than left open behind a request that gave up on it.
      let timer: NodeJS.Timeout | undefined;
      const silent = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `${where} accepted the connection but did not answer ApiVersions within ${this.timeoutMs} ms`,
              ),
            ),
          this.timeoutMs,
        );
      });
      let answer: Awaited<ReturnType<typeof connection.request<'ApiVersions'>>>;
      try {
        answer = await Promise.race([connection.request('ApiVersions', 0, {}), silent]);
      } catch (error) {
        void connection.close();
        throw error;
      } finally {
        clearTimeout(timer);
      }
      return {
        connection,
        versions: new Map(answer.apiKeys.map((k) => [k.apiKey, { min: k.minVersion, max: k.maxVersion }])),
      };
    })();
    this.open.set(key, entry);
    return entry;
  }

  /**
   * Whether the target is down (crashed?): a bootstrap broker refused a connection, and a fresh
   * connection attempt to every bootstrap broker is refused too.
   */
  async unreachable(): Promise<boolean> {
    if (!this.bootstrap.some((a) => this.refusing.has(`${a.host}:${a.port}`))) return false;
    for (const address of this.bootstrap) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = createConnection({ host: address.host, port: address.port });
        socket.setTimeout(1000, () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
      });
      if (!refused) {
        this.refusing.delete(`${address.host}:${address.port}`);
        return false;
      }
    }
    return true;
  }

  /**
   * The highest version both sides speak, at most `cap` (or, with `raiseToTargetMinimum`, the
   * target's lowest when `cap` is below it); UnsupportedApiError when there is none.
   */
  static version(versions: Versions, name: ApiName, cap: number, raiseToTargetMinimum = false): number {
    const api = APIS[name];
    const theirs = versions.get(api.key);
    const highest = Math.min(api.maxVersion, cap, theirs?.max ?? -1);
    const version = raiseToTargetMinimum && theirs ? Math.max(highest, theirs.min) : highest;
    if (!theirs || version < Math.max(api.minVersion, theirs.min) || version > api.maxVersion)
      throw new UnsupportedApiError(`the target does not speak a ${name} version kspec knows`);
    return version;
  }

  /** Sends a request on `lane` to `address` at the negotiated version. */
  async request<N extends ApiName>(
    address: Address,
    lane: string,
    name: N,
    cap: number,
    body: Parameters<KafkaConnection['request']>[2] & object,
    options: {
      minimum?: number;
      raiseToTargetMinimum?: boolean;
      expectResponse?: boolean;
      timeoutMs?: number;
    } = {},
  ) {
    const limitMs = options.timeoutMs ?? this.requestTimeoutMs;
    let connection: KafkaConnection | undefined;
    let timer: NodeJS.Timeout | undefined;
    // A target that never answers (not even ApiVersions) must not hang the run: past the timeout
    // the connection is closed (failing every request queued on it) and the caller sees an error.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (process.env.KSPEC_KAFKA_DEBUG)
          process.stderr.write(`kafka: ${name} to ${address.host}:${address.port} timed out\n`);
        if (connection) void connection.close();
        else {
          // Still connecting: forget the attempt, and close its socket should it succeed later.
          const key = `${address.host}:${address.port}/${lane}`;
          const opening = this.open.get(key);
          this.open.delete(key);
          void opening?.then(
            (open) => open.connection.close(),
            () => undefined,
          );
        }
        reject(new Error(`${name} got no answer within ${limitMs} ms`));
      }, limitMs);
    });
    const exchange = async () => {
      const open = await this.connection(address, lane);
      connection = open.connection;
      const version = KafkaTarget.version(open.versions, name, cap, options.raiseToTargetMinimum);
      if (options.minimum !== undefined && version < options.minimum)
        throw new UnsupportedApiError(`the target speaks ${name} only below v${options.minimum}`);
      return (await connection.request(name, version, body as never, {
        ...(options.expectResponse === false ? { expectResponse: false } : {}),
      })) as Awaited<ReturnType<KafkaConnection['request']>>;
    };
    try {
      return await Promise.race([exchange(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The brokers to ask a cluster-wide question (Metadata, FindCoordinator), the one that answered
   * last first, then the bootstrap list, then every broker a Metadata answer named: as a client
   * does, so one broker down (the first bootstrap address, say) does not cut the run off from the
   * cluster's metadata.
   */
  candidates(): Address[] {
    const seen = new Set<string>();
    const all: Address[] = [];
    for (const address of [
      ...(this.lastAnswered && this.preferLastAnswered ? [this.lastAnswered] : []),
      ...this.bootstrap,
      ...this.nodes.values(),
    ]) {
      const key = `${address.host}:${address.port}`;
      if (!seen.has(key)) {
        seen.add(key);
        all.push(address);
      }
    }
    return all;
  }

  /** The broker that last answered a request of requestAnyBroker (the first bootstrap address before any). */
  preferred(): Address {
    return this.lastAnswered ?? this.bootstrap[0]!;
  }

  /** A cluster-wide request to the first broker that answers (see candidates); the last failure otherwise. */
  async requestAnyBroker<N extends ApiName>(
    lane: string,
    name: N,
    cap: number,
    body: Parameters<KafkaConnection['request']>[2] & object,
    options: { minimum?: number; timeoutMs?: number } = {},
  ) {
    let failure: unknown = new Error('no broker to ask');
    for (const address of this.candidates()) {
      try {
        const answer = await this.request(address, lane, name, cap, body, options);
        this.lastAnswered = address;
        return answer;
      } catch (error) {
        if (error instanceof UnsupportedApiError) throw error;
        failure = error;
      }
    }
    throw failure;
  }

  /** Closes the connections of one lane (a crashed consumer's sockets). */
  async closeLane(lane: string): Promise<void> {
    for (const [key, entry] of [...this.open.entries()])
      if (key.endsWith(`/${lane}`)) {
        this.open.delete(key);
        await entry.then((e) => e.connection.close()).catch(() => undefined);
      }
  }

  async closeAll(): Promise<void> {
    const entries = [...this.open.values()];
    this.open.clear();
    for (const entry of entries) await entry.then((e) => e.connection.close()).catch(() => undefined);
  }
}
