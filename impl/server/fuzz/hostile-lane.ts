// One hostile connection at a time: send a mutant, wait for its answer, the broker closing the
// connection, or a bound (a parked request, a frame whose size promised more bytes, an acks=0
// Produce). A connection carries frames until the broker closes it or a bound passes, then the
// lane opens another, so connection setup and teardown are fuzzed as much as frames.
import { connect, type Socket } from 'node:net';

export type FrameOutcome = 'answered' | 'closed' | 'timeout';

export class HostileSocket {
  private buffered: Buffer = Buffer.alloc(0);
  private waiter: ((outcome: FrameOutcome) => void) | undefined;
  private isClosed = false;
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      while (this.buffered.length >= 4) {
        const size = this.buffered.readInt32BE(0);
        if (this.buffered.length < 4 + size) break;
        this.buffered = this.buffered.subarray(4 + size);
        this.settle('answered');
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.isClosed = true;
      this.settle('closed');
    });
  }

  static open(host: string, port: number): Promise<HostileSocket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => {
        socket.off('error', reject);
        socket.setNoDelay(true);
        resolve(new HostileSocket(socket));
      });
      socket.once('error', reject);
    });
  }

  private settle(outcome: FrameOutcome): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(outcome);
  }

  /** Writes `frame` and waits for one answer, the close, or `timeoutMs`. */
  send(frame: Buffer, timeoutMs: number): Promise<FrameOutcome> {
    if (this.isClosed) return Promise.resolve('closed');
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle('timeout'), timeoutMs);
      this.waiter = (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      this.socket.write(frame);
    });
  }

  async close(): Promise<void> {
    this.socket.destroy();
    await this.closed;
  }
}
