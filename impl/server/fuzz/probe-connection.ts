// The smallest well-behaved client: one connection, one request at a time, each answer decoded by
// the registry's grammar. The fuzzer's healthy client runs on it beside the hostile connections
// (the broker's own code may not import the checker's client in properties/).
import { connect, type Socket } from 'node:net';
import { decodeResponseHeader, encodeRequestFrame } from '../../protocol/frame.ts';
import { Reader } from '../../protocol/primitives.ts';
import { APIS, type ApiName, type Apis } from '../../protocol/registry.ts';
import type { Infer, Input } from '../../protocol/schema.ts';
import { FrameDecoder } from '../framing.ts';

export class ProbeConnection {
  private readonly decoder = new FrameDecoder(1 << 30);
  private waiting: { resolve(frame: Buffer): void; reject(error: Error): void } | undefined;
  private correlationId = 0;
  private closedBecause: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.decoder.push(chunk)) {
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting?.resolve(frame);
      }
    });
    const fail = (error: Error) => {
      this.closedBecause ??= error;
      this.waiting?.reject(error);
      this.waiting = undefined;
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed by the broker')));
  }

  static connect(host: string, port: number): Promise<ProbeConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => {
        socket.off('error', reject);
        socket.setNoDelay(true);
        resolve(new ProbeConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  async request<N extends ApiName>(
    name: N,
    version: number,
    body: Input<Apis[N]['request']>,
    timeoutMs = 10_000,
  ): Promise<Infer<Apis[N]['response']>> {
    if (this.closedBecause) throw this.closedBecause;
    const api = APIS[name];
    const correlationId = ++this.correlationId;
    const frame = encodeRequestFrame(api, version, { correlationId, clientId: 'kspec-fuzz-healthy' }, body);
    const answer = new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} got no answer in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiting = {
        resolve: (payload) => {
          clearTimeout(timer);
          resolve(payload);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
    this.socket.write(frame);
    const reader = new Reader(await answer);
    const answered = decodeResponseHeader(reader, api, version);
    if (answered !== correlationId)
      throw new Error(`${name}: correlation id ${answered}, sent ${correlationId}`);
    return api.response.read(reader, version) as Infer<Apis[N]['response']>;
  }

  close(): void {
    this.socket.destroy();
  }
}
