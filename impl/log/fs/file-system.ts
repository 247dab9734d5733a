// The file-system interface the log writes through: synchronous (as Kafka's FileChannel calls are
// from the log's point of view), small, and implemented twice: on the real disk and in memory with
// crash, power-loss and disk-loss faults for deterministic simulation.

/** An open file. Positions are byte offsets; writes may extend the file. */
export interface FileHandle {
  readonly path: string;
  /** The OS file descriptor, when there is one (the real file system): what sendfile needs. */
  readonly fd: number | undefined;
  size(): number;
  /** Reads up to `length` bytes at `position` into `buffer[offset..]`; returns the bytes read. */
  read(buffer: Buffer, offset: number, length: number, position: number): number;
  /** Writes all of `data` at `position`. */
  write(data: Buffer, position: number): void;
  truncate(length: number): void;
  /** Makes every write so far durable (fsync). */
  sync(): void;
  close(): void;
}

export interface FileSystem {
  /** Opens a file for reading and writing, creating it (empty) when `create` is set. */
  open(path: string, options?: { create?: boolean }): FileHandle;
  exists(path: string): boolean;
  /** Names (not paths) of the entries of a directory, sorted. */
  list(directory: string): string[];
  mkdir(directory: string): void;
  remove(path: string): void;
  /** Atomically replaces `to` with `from` (used for checkpoint files). */
  rename(from: string, to: string): void;
  /** Reads a whole file (tools and checkpoints). */
  readFile(path: string): Buffer;
}

/** Joins path parts with '/', the separator both implementations use. */
export function joinPath(...parts: string[]): string {
  return parts.join('/').replace(/\/+/g, '/');
}

/** Writes `data` to `path` durably: temp file, fsync, rename (how Kafka writes checkpoint files). */
export function writeFileAtomically(fs: FileSystem, path: string, data: Buffer, suffix = '.tmp'): void {
  const temporary = `${path}${suffix}`;
  const handle = fs.open(temporary, { create: true });
  try {
    handle.truncate(0);
    handle.write(data, 0);
    handle.sync();
  } finally {
    handle.close();
  }
  fs.rename(temporary, path);
}
