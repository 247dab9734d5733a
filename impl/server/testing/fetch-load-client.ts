// The load side of fetch.bench.ts, run as a child process so the broker's CPU time is measured
// alone: sends one pre-encoded request frame `count` times, one at a time, reading each response
// only as far as its size prefix (no decoding), and prints {bytes, elapsedMs} as JSON. It reads into
// one reused buffer (net's `onread`), so the reader costs as little as Node allows and the figure
// reflects the broker's send path more than the client's allocation.
import { connect } from 'node:net';

const [host, portText, frameHex, countText] = process.argv.slice(2);
const frame = Buffer.from(frameHex ?? '', 'hex');
const count = Number(countText);
const socket = connect({
  host: host ?? '127.0.0.1',
  port: Number(portText),
  onread: {
    buffer: Buffer.allocUnsafe(4 << 20),
    callback: (bytes: number, buffer: Uint8Array) => {
      onChunk(Buffer.from(buffer.buffer, buffer.byteOffset, bytes));
      return true;
    },
  },
});
socket.setNoDelay(true);

let remainingInFrame = -1;
let sizeBytes = Buffer.alloc(0);
let received = 0;
let completed = 0;
let started = 0n;

function sendNext(): void {
  if (completed === count) {
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`${JSON.stringify({ bytes: received, elapsedMs })}\n`);
    socket.destroy();
    return;
  }
  socket.write(frame);
}

socket.on('connect', () => {
  started = process.hrtime.bigint();
  sendNext();
});
function onChunk(chunk: Buffer): void {
  let offset = 0;
  while (offset < chunk.length) {
    if (remainingInFrame < 0) {
      const need = 4 - sizeBytes.length;
      sizeBytes = Buffer.concat([sizeBytes, chunk.subarray(offset, offset + need)]);
      offset += Math.min(need, chunk.length - offset);
      if (sizeBytes.length < 4) return;
      remainingInFrame = sizeBytes.readInt32BE(0);
      sizeBytes = Buffer.alloc(0);
    }
    const take = Math.min(remainingInFrame, chunk.length - offset);
    remainingInFrame -= take;
    received += take;
    offset += take;
    if (remainingInFrame === 0) {
      remainingInFrame = -1;
      completed++;
      sendNext();
    }
  }
}
socket.on('error', (error) => {
  process.stderr.write(`fetch load client: ${error.message}\n`);
  process.exit(1);
});
