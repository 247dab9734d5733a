// A slow consumer with a huge appetite: a raw connection that keeps several Fetch requests asking
// for 2 GiB (maxBytes and partitionMaxBytes 2^31-1, every partition from offset 0) in flight and
// reads its socket at a trickle. The broker must not buffer what the client does not read: it
// sends one response at a time (serial pipelining), a response carries at most fetch.max.bytes of
// records, record bytes go from the segment file with sendfile or in 64 KiB copies, and a socket
// that stays unwritable past the send timeout is closed. The soak checks the broker's
// RSS stays flat while these run; when the broker closes one, it connects again.
import { connect, type Socket } from 'node:net';
import { encodeRequestFrame } from '../../../protocol/frame.ts';
import { APIS } from '../../../protocol/registry.ts';

const HUGE = 2147483647;
const IN_FLIGHT = 8;
/** An answer that comes at once (an error, a partition led elsewhere) is not asked again sooner. */
const MIN_REQUEST_GAP_MS = 200;

export interface SlowConsumerStats {
  responses: number;
  bytesRead: number;
  /** Connections that closed or could not open (a crash, refused reconnects while it is down, a stalled send). */
  closedByBroker: number;
}

export function startSlowConsumer(options: {
  host: string;
  port: number;
  topic: string;
  /** The partitions to ask for (those the broker led when the soak started). */
  partitions: readonly number[];
  bytesPerSecond: number;
  stats: SlowConsumerStats;
}): { stop(): void } {
  let stopped = false;
  let socket: Socket | undefined;
  let correlationId = 0;
  let budget = options.bytesPerSecond;
  const frame = () =>
    encodeRequestFrame(
      APIS.Fetch,
      12,
      { correlationId: ++correlationId, clientId: 'kspec-soak-slow' },
      {
        replicaId: -1,
        maxWaitMs: 500,
        minBytes: 1,
        maxBytes: HUGE,
        isolationLevel: 0,
        topics: [
          {
            topic: options.topic,
            partitions: options.partitions.map((partition) => ({
              partition,
              fetchOffset: 0,
              partitionMaxBytes: HUGE,
            })),
          },
        ],
      },
    );
  const open = () => {
    if (stopped) return;
    const frames = new FrameSkipper();
    const current = connect({ host: options.host, port: options.port }, () => {
      for (let i = 0; i < IN_FLIGHT; i++) current.write(frame());
    });
    socket = current;
    current.on('data', (chunk: Buffer) => {
      options.stats.bytesRead += chunk.length;
      budget -= chunk.length;
      if (budget <= 0) current.pause();
      for (let done = frames.push(chunk); done > 0; done--) {
        options.stats.responses++;
        setTimeout(() => {
          if (!current.destroyed) current.write(frame());
        }, MIN_REQUEST_GAP_MS);
      }
    });
    current.on('error', () => {});
    current.on('close', () => {
      if (stopped) return;
      options.stats.closedByBroker++;
      setTimeout(open, 1000);
    });
  };
  // The trickle: each second the client may read bytesPerSecond more.
  const tick = setInterval(() => {
    budget = options.bytesPerSecond;
    socket?.resume();
  }, 1000);
  open();
  return {
    stop() {
      stopped = true;
      clearInterval(tick);
      socket?.destroy();
    },
  };
}

/** Counts whole response frames without keeping their bytes (a response may be 55 MiB). */
class FrameSkipper {
  private header = Buffer.alloc(0);
  private remaining = 0;

  /** Feeds a chunk; returns how many frames it completed. */
  push(chunk: Buffer): number {
    let completed = 0;
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - at);
        this.remaining -= take;
        at += take;
        if (this.remaining === 0) completed++;
        continue;
      }
      const need = 4 - this.header.length;
      this.header = Buffer.concat([this.header, chunk.subarray(at, at + need)]);
      at += Math.min(need, chunk.length - at);
      if (this.header.length === 4) {
        this.remaining = this.header.readInt32BE(0);
        this.header = Buffer.alloc(0);
        if (this.remaining === 0) completed++;
      }
    }
    return completed;
  }
}
