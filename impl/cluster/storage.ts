// Where a broker keeps its log directory, and what each crash kind does to it:
// - simulated: one in-memory SimulatedFileSystem per broker (impl/log/fs), with process crash
//   (page cache survives), power loss (unsynced writes lost, last one torn) and disk loss;
// - real: a directory on the real disk. A process crash closes every descriptor without a flush
//   (the OS keeps what was written); disk loss deletes the directory; power loss cannot be
//   produced on a real disk, so it is reported as unsupported.
import * as nodeFs from 'node:fs';
import type { BrokerFailureKind } from '../../spec/events.ts';
import {
  type FileHandle,
  type FileSystem,
  joinPath,
  RealFileSystem,
  SimulatedFileSystem,
} from '../log/fs/index.ts';
import type { SeededRandom } from '../sim/random.ts';

export interface BrokerStorage {
  readonly fs: FileSystem;
  /** The broker's log.dirs entry. */
  readonly logDir: string;
  /** Whether this storage can produce the crash kind. */
  supports(kind: BrokerFailureKind): boolean;
  /** Applies the crash to the files (after the broker dropped its in-memory state). */
  crash(kind: Exclude<BrokerFailureKind, 'clean-shutdown'>): void;
  /** Releases everything (temp directories). */
  destroy(): void;
}

export class SimulatedBrokerStorage implements BrokerStorage {
  readonly fs: SimulatedFileSystem;
  readonly logDir = '/kafka-logs';
  constructor(random: SeededRandom) {
    this.fs = new SimulatedFileSystem(random.asSource());
    this.fs.mkdir(this.logDir);
  }
  supports(): boolean {
    return true;
  }
  crash(kind: Exclude<BrokerFailureKind, 'clean-shutdown'>): void {
    if (kind === 'process-crash') this.fs.crash();
    else if (kind === 'power-loss') this.fs.powerLoss();
    else {
      this.fs.diskLoss();
      this.fs.mkdir(this.logDir); // a new, empty disk
    }
  }
  destroy(): void {}
}

/** The real file system, remembering open handles so a crash can drop them without flushing. */
class TrackingFileSystem extends RealFileSystem {
  private readonly handles = new Set<FileHandle>();
  override open(path: string, options: { create?: boolean } = {}): FileHandle {
    const handle = super.open(path, options);
    const close = handle.close.bind(handle);
    handle.close = () => {
      this.handles.delete(handle);
      close();
    };
    this.handles.add(handle);
    return handle;
  }
  abandonAll(): void {
    for (const handle of [...this.handles]) handle.close();
  }
}

export class RealBrokerStorage implements BrokerStorage {
  readonly fs = new TrackingFileSystem();
  constructor(readonly logDir: string) {
    this.fs.mkdir(logDir);
  }
  supports(kind: BrokerFailureKind): boolean {
    return kind !== 'power-loss';
  }
  crash(kind: Exclude<BrokerFailureKind, 'clean-shutdown'>): void {
    if (kind === 'power-loss') throw new Error('power loss cannot be simulated on a real disk');
    this.fs.abandonAll();
    if (kind === 'disk-loss') {
      nodeFs.rmSync(this.logDir, { recursive: true, force: true });
      this.fs.mkdir(this.logDir);
    }
  }
  destroy(): void {
    this.fs.abandonAll();
  }
}

export const partitionDirectory = (logDir: string, topic: string, partition: number): string =>
  joinPath(logDir, `${topic}-${partition}`);
