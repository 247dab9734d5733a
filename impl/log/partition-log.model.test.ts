// Model-based test of the partition log: random sequences of appends, reads, truncations, rolls,
// retention, log-start-offset moves, flushes, crashes, clean restarts and power losses, run against
// the log on the simulated disk and against a plain array of records.
import test from 'ava';
import fc from 'fast-check';
import { parseRecordBatches } from './batch/decode.ts';
import type { SimulatedFileSystem } from './fs/simulated.ts';
import type { PartitionLog } from './partition-log.ts';
import {
  expectAppended,
  ManualClock,
  numberedBatch,
  openLog,
  simulatedDisk,
} from './testing/log-fixtures.ts';

interface StoredRecord {
  offset: number;
  value: string;
  epoch: number;
}

interface Model {
  records: StoredRecord[];
  logStartOffset: number;
  logEndOffset: number;
  /** Records below this offset were fsynced and must survive a power loss. */
  flushed: number;
  epoch: number;
  sequence: number;
}

interface Real {
  fs: SimulatedFileSystem;
  clock: ManualClock;
  log: PartitionLog;
}

const CONFIG = { 'segment.bytes': 700, 'index.interval.bytes': 120, 'retention.ms': 60000 };

function readLog(log: PartitionLog): StoredRecord[] {
  const records: StoredRecord[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const result = log.read(offset, 500);
    if ('error' in result) throw new Error(result.message);
    if (result.slices.length === 0) break;
    for (const batch of parseRecordBatches(log.readBytes(result))) {
      for (const record of batch.records)
        if (record.offset >= offset)
          records.push({
            offset: record.offset,
            value: record.value!.toString(),
            epoch: batch.header.partitionLeaderEpoch,
          });
      offset = batch.header.baseOffset + batch.header.lastOffsetDelta + 1;
    }
  }
  return records;
}

function checkAgainstModel(model: Model, real: Real): void {
  const { log } = real;
  if (log.logEndOffset !== model.logEndOffset)
    throw new Error(`LEO ${log.logEndOffset} != ${model.logEndOffset}`);
  if (log.logStartOffset !== model.logStartOffset)
    throw new Error(`LSO ${log.logStartOffset} != ${model.logStartOffset}`);
  const expected = model.records.filter((r) => r.offset >= model.logStartOffset);
  const actual = readLog(log);
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(`contents differ:\n${JSON.stringify(actual)}\n${JSON.stringify(expected)}`);
  const entries = log.epochEntries();
  for (let i = 1; i < entries.length; i++)
    if (entries[i]!.epoch <= entries[i - 1]!.epoch || entries[i]!.startOffset <= entries[i - 1]!.startOffset)
      throw new Error(`epoch entries not increasing: ${JSON.stringify(entries)}`);
  for (const record of expected) {
    const entry = entries.find((e) => e.epoch === record.epoch);
    if (!entry || entry.startOffset > record.offset)
      throw new Error(`no epoch entry covers ${JSON.stringify(record)}`);
    if (log.endOffsetForEpoch(record.epoch).endOffset <= record.offset)
      throw new Error(`endOffsetForEpoch(${record.epoch}) below record ${record.offset}`);
  }
}

type Command = fc.Command<Model, Real>;

class Append implements Command {
  constructor(
    readonly count: number,
    readonly bumpEpoch: boolean,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    if (this.bumpEpoch) model.epoch++;
    const result = expectAppended(
      real.log.append(numberedBatch(model.sequence, this.count, real.clock.now()), model.epoch),
    );
    if (result.baseOffset !== model.logEndOffset)
      throw new Error(`appended at ${result.baseOffset}, expected ${model.logEndOffset}`);
    for (let i = 0; i < this.count; i++)
      model.records.push({
        offset: model.logEndOffset + i,
        value: `${model.sequence + i}`.padEnd(10, '.'),
        epoch: model.epoch,
      });
    model.sequence += this.count;
    model.logEndOffset += this.count;
    checkAgainstModel(model, real);
  }
  toString(): string {
    return `append(${this.count}${this.bumpEpoch ? ', new epoch' : ''})`;
  }
}

class TruncateTo implements Command {
  constructor(readonly fraction: number) {}
  check(model: Readonly<Model>): boolean {
    return model.logEndOffset > model.logStartOffset;
  }
  run(model: Model, real: Real): void {
    // Truncate at a batch boundary at or above the log start offset (as replication does).
    const target = Math.floor(
      model.logStartOffset + this.fraction * (model.logEndOffset - model.logStartOffset),
    );
    real.log.truncateTo(target);
    // Whole batches go, so the end may land below the target; never below the log start offset.
    const end = real.log.logEndOffset;
    if (end > target || end < model.logStartOffset) throw new Error(`truncated to ${end} for ${target}`);
    model.records = model.records.filter((r) => r.offset < end);
    model.logEndOffset = end;
    model.flushed = Math.min(model.flushed, end);
    checkAgainstModel(model, real);
  }
  toString(): string {
    return `truncateTo(${this.fraction.toFixed(2)})`;
  }
}

class Tick implements Command {
  constructor(readonly ms: number) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    real.clock.advance(this.ms);
    const result = real.log.deleteOldSegments();
    model.logStartOffset = result.logStartOffset;
    checkAgainstModel(model, real);
  }
  toString(): string {
    return `tick(${this.ms}) + retention`;
  }
}

class RaiseLogStart implements Command {
  constructor(readonly fraction: number) {}
  check(model: Readonly<Model>): boolean {
    return model.logEndOffset > model.logStartOffset;
  }
  run(model: Model, real: Real): void {
    const target = Math.ceil(
      model.logStartOffset + this.fraction * (model.logEndOffset - model.logStartOffset),
    );
    real.log.increaseLogStartOffset(target);
    model.logStartOffset = target;
    checkAgainstModel(model, real);
  }
  toString(): string {
    return `increaseLogStartOffset(${this.fraction.toFixed(2)})`;
  }
}

class Flush implements Command {
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    real.log.flush();
    model.flushed = model.logEndOffset;
  }
  toString(): string {
    return 'flush';
  }
}

class Restart implements Command {
  constructor(readonly how: 'clean' | 'crash' | 'power-loss') {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    if (this.how === 'clean') real.log.close();
    else if (this.how === 'crash') real.fs.crash();
    else real.fs.powerLoss();
    const { log, recovery } = openLog(real.fs, real.clock, CONFIG);
    real.log = log;
    if (recovery.corruptions.length > 0)
      throw new Error(`corruption after ${this.how}: ${JSON.stringify(recovery.corruptions)}`);
    if (this.how === 'power-loss') {
      const survivors = readLog(log);
      const visible = model.records.filter((r) => r.offset >= log.logStartOffset);
      if (JSON.stringify(survivors) !== JSON.stringify(visible.slice(0, survivors.length)))
        throw new Error('power loss left something other than a prefix');
      if (log.logEndOffset < model.flushed)
        throw new Error(`lost flushed records: LEO ${log.logEndOffset} < ${model.flushed}`);
      model.records = model.records.filter((r) => r.offset < log.logEndOffset);
      model.logEndOffset = log.logEndOffset;
      model.logStartOffset = log.logStartOffset;
    }
    model.flushed = model.logEndOffset; // opening checkpoints what recovery kept
    checkAgainstModel(model, real);
  }
  toString(): string {
    return `restart(${this.how})`;
  }
}

const commands = [
  fc.tuple(fc.integer({ min: 1, max: 8 }), fc.boolean()).map(([count, bump]) => new Append(count, bump)),
  fc
    .tuple(fc.integer({ min: 1, max: 8 }), fc.constant(false))
    .map(([count, bump]) => new Append(count, bump)),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f) => new TruncateTo(f)),
  fc.integer({ min: 1, max: 90000 }).map((ms) => new Tick(ms)),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f) => new RaiseLogStart(f)),
  fc.constant(new Flush()),
  fc.constantFrom('clean' as const, 'crash' as const, 'power-loss' as const).map((how) => new Restart(how)),
];

test('LG-8: the log agrees with a model of records under appends, truncation, retention and restarts (fast-check)', (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.commands(commands, { maxCommands: 60, size: 'max' }),
      (seed, cmds) => {
        const fs = simulatedDisk(seed);
        const clock = new ManualClock();
        const real: Real = { fs, clock, log: openLog(fs, clock, CONFIG).log };
        const model: Model = {
          records: [],
          logStartOffset: 0,
          logEndOffset: 0,
          flushed: 0,
          epoch: 0,
          sequence: 0,
        };
        try {
          fc.modelRun(() => ({ model, real }), cmds);
        } catch (error) {
          t.log(`${String(cmds)}: ${(error as Error).message}`); // fast-check's report omits the cause
          throw error;
        }
      },
    ),
    { seed: 304, numRuns: 300 },
  );
  t.pass();
});
