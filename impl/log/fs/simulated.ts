// An in-memory file system for deterministic simulation, with the faults the log claims to survive:
// - crash(): the process dies; every write survives (it sits in the OS page cache), handles close.
// - powerLoss(): per file, writes after the last fsync vanish except a random prefix of them, and
//   the last surviving write may be torn at any byte; then as crash(). File creation, removal and
//   rename are durable at once (a journaled file system's metadata).
// - diskLoss(): every file and directory is gone.
// - corrupt(): flips bytes in place, durably (bit rot), for tests of corruption handling.
// All randomness comes from the injected source, so a seed reproduces a run byte for byte.
import type { FileHandle, FileSystem } from './file-system.ts';
import { GrowableBytes } from './growable-bytes.ts';
import { type RandomSource, randomInt } from './random.ts';

type PendingOperation =
  | { kind: 'write'; data: Buffer; position: number }
  | { kind: 'truncate'; length: number };

class SimulatedFile {
  current: GrowableBytes;
  /** What survives a power loss: the content as of the last fsync. */
  durable: GrowableBytes;
  pending: PendingOperation[] = [];
  constructor(content: Buffer = Buffer.alloc(0)) {
    this.current = new GrowableBytes(content);
    this.durable = new GrowableBytes(content);
  }
}

/** Counters a test can assert on (e.g. that a flush policy fsyncs when it should). */
export interface SimulatedFileSystemStats {
  writes: number;
  syncs: number;
  bytesWritten: number;
}

export class SimulatedFileSystem implements FileSystem {
  private files = new Map<string, SimulatedFile>();
  private directories = new Set<string>(['/']);
  /** Incremented by every crash: handles from an earlier generation refuse all calls. */
  private generation = 0;
  readonly stats: SimulatedFileSystemStats = { writes: 0, syncs: 0, bytesWritten: 0 };

  constructor(private readonly random: RandomSource) {}

  open(path: string, options: { create?: boolean } = {}): FileHandle {
    let file = this.files.get(path);
    if (!file) {
      if (!options.create) throw fileError('ENOENT', `no such file: ${path}`);
      if (!this.directories.has(parentOf(path)))
        throw fileError('ENOENT', `no such directory: ${parentOf(path)}`);
      file = new SimulatedFile();
      this.files.set(path, file);
    }
    return new SimulatedFileHandle(this, path, file, this.generation);
  }
  exists(path: string): boolean {
    return this.files.has(path) || this.directories.has(path);
  }
  list(directory: string): string[] {
    if (!this.directories.has(directory)) throw fileError('ENOENT', `no such directory: ${directory}`);
    const prefix = directory.endsWith('/') ? directory : `${directory}/`;
    const names = new Set<string>();
    for (const path of [...this.files.keys(), ...this.directories]) {
      if (path.startsWith(prefix) && path.length > prefix.length)
        names.add(path.slice(prefix.length).split('/')[0]!);
    }
    return [...names].sort();
  }
  mkdir(directory: string): void {
    const parts = directory.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) this.directories.add(`/${parts.slice(0, i).join('/')}`);
  }
  remove(path: string): void {
    this.files.delete(path);
  }
  rename(from: string, to: string): void {
    const file = this.files.get(from);
    if (!file) throw fileError('ENOENT', `no such file: ${from}`);
    this.files.delete(from);
    this.files.set(to, file);
  }
  readFile(path: string): Buffer {
    const file = this.files.get(path);
    if (!file) throw fileError('ENOENT', `no such file: ${path}`);
    return file.current.snapshot();
  }

  /** The process dies: page-cache content survives, open handles become invalid. */
  crash(): void {
    this.generation++;
  }

  /** Power fails: unsynced writes are lost except a random prefix per file, the last possibly torn. */
  powerLoss(): void {
    for (const [path, file] of [...this.files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      this.files.set(path, this.surviving(file));
    }
    this.generation++;
  }

  /** The disk is replaced: nothing survives. */
  diskLoss(): void {
    this.files.clear();
    this.directories = new Set(['/']);
    this.generation++;
  }

  /** XORs `mask` into the byte at `position` of `path`, durably (open handles see it too). */
  corrupt(path: string, position: number, mask = 0xff): void {
    const file = this.files.get(path);
    if (!file) throw fileError('ENOENT', `no such file: ${path}`);
    const content = file.current.snapshot();
    if (position >= content.length)
      throw new RangeError(`position ${position} beyond ${path} (${content.length} bytes)`);
    const flipped = content[position]! ^ mask;
    file.current.write(Buffer.from([flipped]), position);
    if (position < file.durable.length) file.durable.write(Buffer.from([flipped]), position);
  }

  /** The durable content of a file (what a power loss with no surviving writes would leave). */
  durableContent(path: string): Buffer | undefined {
    return this.files.get(path)?.durable.snapshot();
  }

  private surviving(file: SimulatedFile): SimulatedFile {
    const content = new GrowableBytes(file.durable.snapshot());
    const kept = randomInt(this.random, file.pending.length + 1);
    for (let i = 0; i < kept; i++) applyOperation(content, file.pending[i]!);
    const next = file.pending[kept];
    if (next?.kind === 'write' && next.data.length > 0) {
      const tornLength = randomInt(this.random, next.data.length); // 0 .. length-1 bytes reach the disk
      if (tornLength > 0) content.write(next.data.subarray(0, tornLength), next.position);
    }
    return new SimulatedFile(content.snapshot());
  }

  /** Internal: checks a handle is from the current process generation. */
  checkGeneration(handleGeneration: number, path: string): void {
    if (handleGeneration !== this.generation)
      throw fileError('EBADF', `handle to ${path} did not survive a crash`);
  }
}

function applyOperation(content: GrowableBytes, operation: PendingOperation): void {
  if (operation.kind === 'write') content.write(operation.data, operation.position);
  else content.truncate(operation.length);
}

class SimulatedFileHandle implements FileHandle {
  readonly fd = undefined;
  private closed = false;
  constructor(
    private readonly fs: SimulatedFileSystem,
    readonly path: string,
    private readonly file: SimulatedFile,
    private readonly generation: number,
  ) {}

  private check(): void {
    if (this.closed) throw fileError('EBADF', `handle to ${this.path} is closed`);
    this.fs.checkGeneration(this.generation, this.path);
  }
  size(): number {
    this.check();
    return this.file.current.length;
  }
  read(buffer: Buffer, offset: number, length: number, position: number): number {
    this.check();
    return this.file.current.read(buffer, offset, length, position);
  }
  write(data: Buffer, position: number): void {
    this.check();
    this.file.current.write(data, position);
    this.file.pending.push({ kind: 'write', data: Buffer.from(data), position });
    this.fs.stats.writes++;
    this.fs.stats.bytesWritten += data.length;
  }
  truncate(length: number): void {
    this.check();
    this.file.current.truncate(length);
    this.file.pending.push({ kind: 'truncate', length });
  }
  sync(): void {
    this.check();
    // Replay only what changed since the last sync: O(unsynced bytes), not O(file size).
    for (const operation of this.file.pending) applyOperation(this.file.durable, operation);
    this.file.pending = [];
    this.fs.stats.syncs++;
  }
  close(): void {
    this.closed = true;
  }
}

function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}

function fileError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}
