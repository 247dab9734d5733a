// The real file system with a journal of every write and truncate since each file's last fsync,
// so a power loss can be produced on real files: the unsynced operations are undone, except a
// random prefix of them, and the first lost write may be torn at any byte. The same rule as the
// simulated file system (impl/log/fs/simulated.ts), applied to files on disk. Creation, removal
// and rename are durable at once (a journaling file system's metadata). The journal holds at most
// `maxUnsyncedBytes` (64 MiB by default): past that the oldest operations count as written back, as
// an OS writes dirty pages back on its own, so a server that never fsyncs (Kafka's default flush
// policy) does not keep every byte it ever wrote in memory (the wire fuzzer's million frames grew
// RSS by 690 MB that way). Writing back the oldest operation is O(1): the global order and each
// file's journal are queues read from a head index, compacted now and then, never shifted or
// spliced (a shift of a 100,000-entry array per write made `kspec broker` spend 70% of its CPU
// here once 64 MiB were held: franz-go's TestGroupETL at 500,000 records).
import { type FileHandle, RealFileSystem } from '../log/fs/index.ts';
import type { RandomSource } from '../log/fs/random.ts';
import { randomInt } from '../log/fs/random.ts';

type Operation = (
  | { kind: 'write'; position: number; data: Buffer; before: Buffer; oldSize: number }
  | { kind: 'truncate'; length: number; removed: Buffer; oldSize: number }
) & { gone?: boolean };

/** Unsynced bytes journaled before the oldest operations count as written back. */
export const DEFAULT_MAX_UNSYNCED_BYTES = 64 * 1024 * 1024;

/**
 * A copy that owns its memory: Buffer.from() puts small copies in Node's shared 8 KiB pool, and one
 * journaled 60-byte write then kept a whole 8 KiB slab alive (a heap snapshot of the wire fuzzer
 * showed 6,000 of them, 50 MB, for 1 MB of journaled data).
 */
function unpooledCopy(data: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(data.length);
  data.copy(copy);
  return copy;
}

function sizeOf(operation: Operation): number {
  return operation.kind === 'write'
    ? operation.data.length + operation.before.length
    : operation.removed.length;
}

/**
 * One file's unsynced operations, oldest first, from `head` on (entries before it were written
 * back). The oldest operation of the whole file system is always the head of its own journal.
 */
class Journal {
  operations: (Operation | undefined)[] = [];
  head = 0;

  push(operation: Operation): void {
    this.operations.push(operation);
  }

  /** The live operations, oldest first. */
  live(): Operation[] {
    return this.operations.slice(this.head) as Operation[];
  }

  /** Forgets `operation`, the oldest one still held (FIFO write-back). */
  writeBack(operation: Operation): void {
    if (this.operations[this.head] !== operation) {
      // Not expected (write-back follows the order of writing); kept correct, if slow.
      const index = this.operations.indexOf(operation, this.head);
      if (index >= 0) this.operations.splice(index, 1);
      return;
    }
    this.operations[this.head++] = undefined;
    if (this.head >= 1024 && this.head * 2 >= this.operations.length) {
      this.operations = this.operations.slice(this.head);
      this.head = 0;
    }
  }
}

export class JournaledFileSystem extends RealFileSystem {
  private readonly handles = new Set<FileHandle>();
  private readonly journals = new Map<string, Journal>();
  /** Every operation not yet written back, oldest first from `orderHead`, with its journal. */
  private order: ({ journal: Journal; operation: Operation } | undefined)[] = [];
  private orderHead = 0;
  private heldBytes = 0;
  private liveOperations = 0;

  /**
   * `osSync` false: sync() marks the sync point in the journal but skips the OS fsync. For
   * simulations on real files, where the only power loss is the one this journal emulates and a
   * real fsync would only cost time; a server on the real clock keeps it true.
   */
  constructor(
    private readonly osSync = true,
    private readonly maxUnsyncedBytes = DEFAULT_MAX_UNSYNCED_BYTES,
  ) {
    super();
  }

  /** Bytes the journal holds now (written, not yet synced or written back). */
  get unsyncedBytes(): number {
    return this.heldBytes;
  }

  private record(path: string, operation: Operation): void {
    const journal = this.journal(path);
    journal.push(operation);
    this.order.push({ journal, operation });
    this.heldBytes += sizeOf(operation);
    this.liveOperations++;
    while (this.heldBytes > this.maxUnsyncedBytes && this.orderHead < this.order.length) {
      const oldest = this.order[this.orderHead]!;
      this.order[this.orderHead++] = undefined;
      if (oldest.operation.gone) continue;
      // Written back: it can no longer be undone. It is its journal's first live entry (FIFO).
      oldest.journal.writeBack(oldest.operation);
      this.drop(oldest.operation);
    }
    // Written-back entries before the head, and synced ones anywhere, are swept now and then.
    if (this.order.length - this.orderHead > 2 * this.liveOperations + 1024 || this.orderHead > 65_536)
      this.compactOrder();
  }

  private drop(operation: Operation): void {
    if (operation.gone) return;
    operation.gone = true;
    this.heldBytes -= sizeOf(operation);
    this.liveOperations--;
  }

  private dropJournal(path: string): void {
    for (const operation of this.journals.get(path)?.live() ?? []) this.drop(operation);
    this.journals.delete(path);
  }

  private compactOrder(): void {
    const live: { journal: Journal; operation: Operation }[] = [];
    for (let i = this.orderHead; i < this.order.length; i++) {
      const entry = this.order[i]!;
      if (!entry.operation.gone) live.push(entry);
    }
    this.order = live;
    this.orderHead = 0;
  }

  override open(path: string, options: { create?: boolean } = {}): FileHandle {
    const handle = super.open(path, options);
    const { write, truncate, sync, close } = {
      write: handle.write.bind(handle),
      truncate: handle.truncate.bind(handle),
      sync: handle.sync.bind(handle),
      close: handle.close.bind(handle),
    };
    handle.write = (data: Buffer, position: number) => {
      const oldSize = handle.size();
      const overlap = Math.max(0, Math.min(oldSize, position + data.length) - position);
      const before = Buffer.alloc(overlap);
      if (overlap > 0) handle.read(before, 0, overlap, position);
      this.record(path, { kind: 'write', position, data: unpooledCopy(data), before, oldSize });
      write(data, position);
    };
    handle.truncate = (length: number) => {
      const oldSize = handle.size();
      const removed = Buffer.alloc(Math.max(0, oldSize - length));
      if (removed.length > 0) handle.read(removed, 0, removed.length, length);
      this.record(path, { kind: 'truncate', length, removed, oldSize });
      truncate(length);
    };
    handle.sync = () => {
      if (this.osSync) sync();
      this.dropJournal(path);
    };
    handle.close = () => {
      this.handles.delete(handle);
      close();
    };
    this.handles.add(handle);
    return handle;
  }

  private journal(path: string): Journal {
    let journal = this.journals.get(path);
    if (!journal) {
      journal = new Journal();
      this.journals.set(path, journal);
    }
    return journal;
  }

  override remove(path: string): void {
    super.remove(path);
    this.dropJournal(path);
  }

  override rename(from: string, to: string): void {
    super.rename(from, to);
    const journal = this.journals.get(from);
    this.journals.delete(from);
    this.dropJournal(to);
    if (journal) this.journals.set(to, journal);
  }

  /** The process dies: descriptors close without a flush; written bytes stay (page cache). */
  abandonAll(): void {
    for (const handle of [...this.handles]) handle.close();
  }

  /** Forgets the journal (the directory was deleted: disk loss). */
  forgetAll(): void {
    this.journals.clear();
    this.order = [];
    this.orderHead = 0;
    this.heldBytes = 0;
    this.liveOperations = 0;
  }

  /** Power fails: per file, unsynced operations after a random prefix are undone; the next write may be torn. */
  powerLoss(random: RandomSource): void {
    this.abandonAll();
    for (const path of [...this.journals.keys()].sort()) {
      const operations = this.journals.get(path)!.live();
      const kept = randomInt(random, operations.length + 1);
      const handle = super.open(path);
      try {
        for (let i = operations.length - 1; i >= kept; i--) undo(handle, operations[i]!);
        const next = operations[kept];
        if (next?.kind === 'write' && next.data.length > 0) {
          const torn = randomInt(random, next.data.length);
          if (torn > 0) handle.write(next.data.subarray(0, torn), next.position);
        }
        handle.sync();
      } finally {
        handle.close();
      }
    }
    this.forgetAll();
  }
}

function undo(handle: FileHandle, operation: Operation): void {
  if (operation.kind === 'write') {
    if (operation.before.length > 0) handle.write(operation.before, operation.position);
    handle.truncate(operation.oldSize);
  } else {
    handle.truncate(operation.oldSize);
    if (operation.removed.length > 0) handle.write(operation.removed, operation.length);
  }
}
