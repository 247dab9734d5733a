// Where a broker keeps its log directory, and what each crash kind does to it:
// - simulated: one in-memory SimulatedFileSystem per broker (impl/log/fs), with process crash
//   (page cache survives), power loss (unsynced writes lost, last one torn) and disk loss;
// - real: a directory on the real disk. A process crash closes every descriptor without a flush
//   (the OS keeps what was written); power loss undoes unsynced writes from a journal
//   (journaled-fs.ts), keeping a random prefix and tearing the next; disk loss deletes the directory.
import * as nodeFs from 'node:fs';
import type { BrokerFailureKind } from '../../spec/events.ts';
import { type FileSystem, joinPath, SimulatedFileSystem } from '../log/fs/index.ts';
import { mutant } from '../mutants/index.ts';
import type { SeededRandom } from '../sim/random.ts';
import { JournaledFileSystem } from './journaled-fs.ts';

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

export class RealBrokerStorage implements BrokerStorage {
  readonly fs: JournaledFileSystem;
  constructor(
    readonly logDir: string,
    private readonly random: SeededRandom,
    osSync = true,
  ) {
    this.fs = new JournaledFileSystem(osSync);
    this.fs.mkdir(logDir);
  }
  supports(): boolean {
    return true;
  }
  crash(kind: Exclude<BrokerFailureKind, 'clean-shutdown'>): void {
    if (kind === 'power-loss' || mutant('lose-unflushed-on-process-crash'))
      this.fs.powerLoss(this.random.asSource());
    else this.fs.abandonAll();
    if (kind === 'disk-loss') {
      nodeFs.rmSync(this.logDir, { recursive: true, force: true });
      this.fs.forgetAll();
      this.fs.mkdir(this.logDir);
    }
  }
  destroy(): void {
    this.fs.abandonAll();
  }
}

export const partitionDirectory = (logDir: string, topic: string, partition: number): string =>
  joinPath(logDir, `${topic}-${partition}`);
