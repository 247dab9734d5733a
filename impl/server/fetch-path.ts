// How response bytes reach the socket. In-memory chunks are written through Node; file slices go (WP-11)
// either through sendfile(2) (the addon: file -> socket in the kernel, no JS copy) or through the
// copy path (read into a JS buffer, then write). The sendfile path first waits until Node's write
// queue is empty and never writes while a transfer runs, so bytes cannot interleave.
import { close as closeFd, open, read } from 'node:fs';
import type { Socket } from 'node:net';
import { promisify } from 'node:util';
import { loadSendfile, type SendfileAddon, type SendfileLoad } from '../native/index.ts';
import { type Encoded, type FileSlice, isFileSlice } from '../protocol/primitives.ts';

export type FetchPathName = 'sendfile' | 'copy';

const readAsync = promisify(read);
const openAsync = promisify(open);
const closeAsync = promisify(closeFd);
const COPY_CHUNK_BYTES = 1 << 20;

export interface ResolvedFetchPath {
  name: FetchPathName;
  addon: SendfileAddon | undefined;
  /** Why sendfile was asked for but is not used; undefined when the choice was honoured. */
  fallbackReason: string | undefined;
}

export function resolveFetchPath(
  requested: FetchPathName,
  load: () => SendfileLoad = loadSendfile,
): ResolvedFetchPath {
  if (requested === 'copy') return { name: 'copy', addon: undefined, fallbackReason: undefined };
  const loaded = load();
  if (loaded.addon) return { name: 'sendfile', addon: loaded.addon, fallbackReason: undefined };
  return { name: 'copy', addon: undefined, fallbackReason: loaded.reason };
}

/**
 * Writes a buffer; the promise settles once Node has handed it to the kernel (the write callback)
 * and never rejects (it resolves with the error), so a write that fails while we await something
 * else cannot become an unhandled rejection.
 */
function writeBuffer(socket: Socket, chunk: Buffer): Promise<Error | undefined> {
  return new Promise((resolve) => {
    socket.write(chunk, (error) => resolve(error ?? undefined));
  });
}

async function settled(write: Promise<Error | undefined>): Promise<void> {
  const error = await write;
  if (error) throw error;
}

async function withDescriptor<T>(slice: FileSlice, use: (fd: number) => Promise<T>): Promise<T> {
  if (slice.fd !== undefined) return use(slice.fd);
  const fd = await openAsync(slice.path, 'r');
  try {
    return await use(fd);
  } finally {
    await closeAsync(fd);
  }
}

async function copySlice(socket: Socket, slice: FileSlice): Promise<void> {
  await withDescriptor(slice, async (fd) => {
    let pending: Promise<Error | undefined> = Promise.resolve(undefined);
    for (let done = 0; done < slice.length; ) {
      const size = Math.min(COPY_CHUNK_BYTES, slice.length - done);
      const buffer = Buffer.allocUnsafe(size);
      const { bytesRead } = await readAsync(fd, buffer, 0, size, slice.position + done);
      if (bytesRead !== size) throw new Error(`file ${slice.path} ended ${slice.length - done} bytes early`);
      await settled(pending); // at most one chunk queued in Node at a time
      pending = writeBuffer(socket, buffer);
      done += size;
    }
    await settled(pending);
  });
}

function socketDescriptor(socket: Socket): number | undefined {
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

export interface SendStats {
  sendfileBytes: number;
  copiedBytes: number;
}

/** Sends one encoded response; resolves when every byte is with the kernel. */
export async function sendEncoded(
  socket: Socket,
  encoded: Encoded,
  path: ResolvedFetchPath,
  timeoutMs: number,
  stats: SendStats,
): Promise<void> {
  const writes: Promise<Error | undefined>[] = [];
  const flushed = async () => {
    for (const error of await Promise.all(writes.splice(0))) if (error) throw error;
  };
  for (const chunk of encoded.chunks) {
    if (!isFileSlice(chunk)) {
      writes.push(writeBuffer(socket, chunk as Buffer));
      continue;
    }
    if (chunk.length === 0) continue;
    const socketFd = path.addon ? socketDescriptor(socket) : undefined;
    if (!path.addon || socketFd === undefined) {
      await flushed();
      await copySlice(socket, chunk);
      stats.copiedBytes += chunk.length;
      continue;
    }
    // Drain Node's queue so the kernel sees our earlier bytes first, then hand the socket to sendfile.
    await flushed();
    if (socket.writableLength > 0) throw new Error('socket write queue not empty before sendfile');
    const addon = path.addon;
    await withDescriptor(chunk, (fd) =>
      addon.transfer(socketFd, fd, chunk.position, chunk.length, timeoutMs),
    );
    stats.sendfileBytes += chunk.length;
  }
  await flushed();
}
