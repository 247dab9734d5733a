// A low-level Kafka client: one TCP connection, any request at any version, including ones a
// real client would never send (stale generations, unknown member ids, versions the broker does
// not speak, malformed frames via sendRaw). Responses are matched to requests by order and
// correlation id, as the protocol guarantees per connection.
import { connect, type Socket } from 'node:net';
import { decodeResponseHeader, encodeRequestFrame } from '../../../impl/protocol/frame.ts';
import { Reader } from '../../../impl/protocol/primitives.ts';
import type { ApiName, Apis } from '../../../impl/protocol/registry.ts';
import { APIS } from '../../../impl/protocol/registry.ts';
import type { Infer, Input } from '../../../impl/protocol/schema.ts';
import { FrameDecoder, FrameTooLargeError } from '../../../impl/server/framing.ts';

export interface RequestOptions {
  /** Decode the response at this version (ApiVersions answers an unsupported version in v0). */
  responseVersion?: number;
  /** False for Produce with acks=0: resolve once written, expect nothing back. */
  expectResponse?: boolean;
  /** Override the api key in the header (to send an unknown key with a known body). */
  apiKey?: number;
}

interface Waiting {
  correlationId: number;
  resolve(payload: Buffer): void;
  reject(error: Error): void;
}

export class ConnectionClosedError extends Error {
  override name = 'ConnectionClosedError';
}

/** The peer answered with bytes that are not Kafka frames (an HTTP server, say). */
export class NotKafkaError extends Error {
  override name = 'NotKafkaError';
}

/** What a peer sent, for an error message: its first line if it is text (`HTTP/1.1 400 ...`). */
function describeBytes(bytes: Buffer): string {
  const head = bytes.subarray(0, 64);
  const text = head.toString('latin1').split(/\r?\n/)[0]!;
  return /^[\x20-\x7e]{4,}$/.test(text)
    ? `it answered "${text}"`
    : `it answered 0x${head.subarray(0, 8).toString('hex')}`;
}

export class KafkaConnection {
  private readonly decoder = new FrameDecoder(1 << 30);
  private readonly waiting: Waiting[] = [];
  private nextCorrelationId = 1;
  private closedError: Error | undefined;
  /** Resolves when the connection ends, with the reason. */
  readonly closed: Promise<string>;

  private constructor(
    private readonly socket: Socket,
    readonly clientId: string | null,
    /** host:port, for messages. */
    readonly peer: string,
  ) {
    let markClosed!: (reason: string) => void;
    this.closed = new Promise((resolve) => {
      markClosed = resolve;
    });
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = this.decoder.push(chunk);
      } catch (error) {
        // A size no Kafka response has: the peer speaks something else. Thrown from a socket
        // handler it would escape every caller, so it fails the connection's requests instead.
        if (!(error instanceof FrameTooLargeError)) throw error;
        this.fail(new NotKafkaError(`${peer} does not speak the Kafka protocol (${describeBytes(chunk)})`));
        return;
      }
      for (const frame of frames) this.onFrame(frame);
    });
    socket.on('error', (error) => this.fail(new ConnectionClosedError(`socket error: ${error.message}`)));
    socket.on('close', () => {
      this.fail(new ConnectionClosedError('connection closed by peer'));
      markClosed(this.closedError?.message ?? 'closed');
    });
  }

  static connect(
    host: string,
    port: number,
    options: { clientId?: string | null; timeoutMs?: number } = {},
  ): Promise<KafkaConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect to ${host}:${port} timed out`));
      }, options.timeoutMs ?? 5000);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve(
          new KafkaConnection(
            socket,
            options.clientId === undefined ? 'kspec-client' : options.clientId,
            `${host}:${port}`,
          ),
        );
      });
    });
  }

  private onFrame(frame: Buffer): void {
    const waiting = this.waiting.shift();
    if (!waiting) {
      this.fail(new Error('response with no outstanding request'));
      return;
    }
    const correlationId = frame.length >= 4 ? frame.readInt32BE(0) : Number.NaN;
    if (correlationId !== waiting.correlationId) {
      const error = new Error(`response correlation id ${correlationId}, expected ${waiting.correlationId}`);
      waiting.reject(error);
      this.fail(error);
      return;
    }
    waiting.resolve(frame);
  }

  private fail(error: Error): void {
    this.closedError ??= error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(error);
    this.socket.destroy();
  }

  /** Sends a typed request and decodes the typed response. */
  async request<N extends ApiName>(
    name: N,
    version: number,
    body: Input<Apis[N]['request']>,
    options: RequestOptions = {},
  ): Promise<Infer<Apis[N]['response']>> {
    const api = APIS[name];
    const correlationId = this.nextCorrelationId++;
    const frame = encodeRequestFrame(
      api,
      version,
      { correlationId, clientId: this.clientId, apiKey: options.apiKey },
      body as never,
    );
    if (options.expectResponse === false) {
      await this.write(frame);
      return undefined as never;
    }
    const payload = await this.exchange(correlationId, frame);
    const reader = new Reader(payload);
    const responseVersion = options.responseVersion ?? version;
    let decoded: unknown;
    try {
      decodeResponseHeader(reader, api, responseVersion);
      decoded = api.response.read(reader, responseVersion);
    } catch (error) {
      throw new NotKafkaError(
        `${this.peer} sent a ${name} v${version} response kspec cannot decode: ${(error as Error).message}`,
      );
    }
    if (reader.remaining !== 0)
      throw new Error(`${name} v${version} response has ${reader.remaining} trailing bytes`);
    return decoded as Infer<Apis[N]['response']>;
  }

  /** Sends a request frame built elsewhere and returns the raw response payload (after the size). */
  exchange(correlationId: number, frame: Buffer): Promise<Buffer> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      this.waiting.push({ correlationId, resolve, reject });
      this.socket.write(frame);
    });
  }

  /** Writes arbitrary bytes (malformed frames, partial frames); no response is awaited. */
  write(bytes: Buffer): Promise<void> {
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) =>
      this.socket.write(bytes, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** A correlation id not yet used, for frames assembled by hand. */
  takeCorrelationId(): number {
    return this.nextCorrelationId++;
  }

  get isClosed(): boolean {
    return this.closedError !== undefined;
  }

  close(): Promise<string> {
    this.socket.end();
    this.socket.destroy();
    return this.closed;
  }
}
