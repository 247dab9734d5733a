// The file fuzzer: build a partition log on the simulated disk (several segments, leader epochs,
// a clean close or a process crash), damage one to three of its files (segments, offset and time
// indexes, leader-epoch, recovery-point and log-start checkpoints), reopen it and read everything
// back. Recovery must never throw; nothing served may fail its CRC or differ from what was
// appended at that offset; the log must keep every batch before the first damaged byte (it cuts
// at the last valid batch, no earlier); records it dropped must appear in its recovery report;
// the leader-epoch cache must stay ordered; a timestamp lookup must agree with the records; and
// the recovered log must take appends. Seeded: iteration i of seed s is the same every run.

import { SeededRandom } from '../../sim/random.ts';
import { buildRecordBatch } from '../batch/build.ts';
import { checkBatch, decodeBatchRecords, scanBatches } from '../batch/decode.ts';
import { lastOffsetOf } from '../batch/header.ts';
import { seededRandom } from '../fs/random.ts';
import { SimulatedFileSystem } from '../fs/simulated.ts';
import { PartitionLog } from '../partition-log.ts';
import type { RecoveryReport } from '../types.ts';
import { type Damage, damage } from './damage.ts';

const DIRECTORY = '/data/fuzz-0';

export interface FileFuzzOptions {
  readonly iterations: number;
  readonly seed: number;
}

export interface FileFuzzResult {
  readonly seed: number;
  readonly iterations: number;
  readonly damages: Record<string, number>;
  /** Recovery outcomes summed over iterations. */
  readonly recovery: {
    truncations: number;
    corruptions: number;
    segmentsDeleted: number;
    indexesRebuilt: number;
  };
  readonly recordsAppended: number;
  readonly recordsDropped: number;
  /** Each is a bug: an exception, a corrupt or wrong read, an unreported or needless loss. */
  readonly failures: readonly string[];
}

interface Truth {
  readonly value: string;
  readonly timestamp: number;
}

class Clock {
  time = 1_700_000_000_000;
  now(): number {
    return this.time;
  }
}

export function runFileFuzz(options: FileFuzzOptions): FileFuzzResult {
  const root = new SeededRandom(options.seed >>> 0);
  const damages = new Map<string, number>();
  const recovery = { truncations: 0, corruptions: 0, segmentsDeleted: 0, indexesRebuilt: 0 };
  const failures: string[] = [];
  let recordsAppended = 0;
  let recordsDropped = 0;
  for (let iteration = 0; iteration < options.iterations && failures.length < 20; iteration++) {
    const random = root.derive(`iteration-${iteration}`);
    const fail = (message: string) =>
      failures.push(`seed ${options.seed} iteration ${iteration}: ${message}`);
    try {
      const outcome = fuzzOnce(random, fail);
      for (const d of outcome.damages) {
        const key = `${fileKind(d.file)}:${d.kind}`;
        damages.set(key, (damages.get(key) ?? 0) + 1);
      }
      recovery.truncations += outcome.report.truncations.length;
      recovery.corruptions += outcome.report.corruptions.length;
      recovery.segmentsDeleted += outcome.report.segmentsDeleted.length;
      recovery.indexesRebuilt += outcome.report.indexesRebuilt.length;
      recordsAppended += outcome.appended;
      recordsDropped += outcome.dropped;
    } catch (error) {
      fail(`threw: ${(error as Error).stack ?? error}`);
    }
  }
  return {
    seed: options.seed,
    iterations: options.iterations,
    damages: Object.fromEntries([...damages].sort()),
    recovery,
    recordsAppended,
    recordsDropped,
    failures,
  };
}

function gapReported(report: RecoveryReport, from: number, to: number): boolean {
  return report.corruptions.some(
    (c) =>
      (c.problem === 'offset-gap' || c.problem === 'missing-data') && c.detail.includes(`${from}..${to - 1}`),
  );
}

function fileKind(file: string): string {
  const suffix = /\.(log|index|timeindex)$/.exec(file);
  return suffix ? suffix[1]! : file;
}

function fuzzOnce(
  random: SeededRandom,
  complain: (message: string) => void,
): { damages: Damage[]; report: RecoveryReport; appended: number; dropped: number } {
  let failed = false;
  const fail = (message: string) => {
    failed = true;
    complain(message);
  };
  const fs = new SimulatedFileSystem(seededRandom(random.int(2 ** 31)));
  const clock = new Clock();
  const config = {
    'segment.bytes': 600 + random.int(4000),
    'index.interval.bytes': 32 + random.int(600),
  };
  const truth = new Map<number, Truth>();
  const { log } = PartitionLog.open({ fs, directory: DIRECTORY, clock, config });
  let epoch = 0;
  log.assignEpoch(epoch, 0);
  const batches = 5 + random.int(40);
  for (let b = 0; b < batches; b++) {
    if (random.chance(0.1)) log.assignEpoch(++epoch);
    const count = 1 + random.int(5);
    const first = log.logEndOffset;
    const records = Array.from({ length: count }, (_, i) => {
      clock.time += random.int(1000);
      const value = `r${first + i}-${'x'.repeat(random.int(60))}`;
      truth.set(first + i, { value, timestamp: clock.time });
      return { key: `k${random.int(5)}`, value, timestamp: clock.time };
    });
    const appended = log.append(buildRecordBatch(records), epoch);
    if ('error' in appended) throw new Error(`setup append failed: ${appended.message}`);
    if (random.chance(0.15)) log.flush();
  }
  const appendedEnd = log.logEndOffset;
  // What the log knew to be on disk: recovery may lose the rest without a word (a crash can).
  let flushed = log.flushedOffset;
  if (random.chance(0.5)) {
    log.close();
    flushed = appendedEnd;
  } else fs.crash();

  // The batches of every segment as written, to know which ones a damaged byte may take.
  const files = fs.list(DIRECTORY).filter((name) => !name.endsWith('.deleted'));
  const layout = new Map<string, { position: number; size: number; baseOffset: number; end: number }[]>();
  for (const name of files.filter((f) => f.endsWith('.log'))) {
    layout.set(
      name,
      scanBatches(fs.readFile(`${DIRECTORY}/${name}`)).batches.map((b) => ({
        position: b.position,
        size: b.size,
        baseOffset: b.header.baseOffset,
        end: lastOffsetOf(b.header) + 1,
      })),
    );
  }
  const damages: Damage[] = [];
  const targets = 1 + random.int(3);
  for (let i = 0; i < targets; i++) {
    const present = fs.list(DIRECTORY).filter((name) => !name.endsWith('.deleted'));
    if (present.length === 0) break;
    damages.push(damage(fs, DIRECTORY, present[random.int(present.length)]!, random));
  }

  // Everything before the first damaged batch must survive, unless a checkpoint lied about the
  // log start (Kafka trusts a well-formed checkpoint) or the clean-shutdown marker was touched.
  let mustKeep = appendedEnd;
  let checkpointTouched = false;
  for (const d of damages) {
    const batchesOf = layout.get(d.file);
    if (batchesOf) {
      // Garbage after the last batch of a segment is cut there, and (as Kafka's LogLoader does)
      // every later segment goes with it: only what precedes the damage must stay.
      const hit = batchesOf.find((b) => b.position + b.size > d.from);
      const segmentEnd = batchesOf[batchesOf.length - 1]?.end ?? mustKeep;
      mustKeep = Math.min(mustKeep, hit ? hit.baseOffset : segmentEnd);
      if (d.kind === 'deleted') mustKeep = Math.min(mustKeep, batchesOf[0]?.baseOffset ?? mustKeep);
    } else if (!/\.(index|timeindex)$/.test(d.file)) checkpointTouched = true;
  }

  const reopened = PartitionLog.open({ fs, directory: DIRECTORY, clock, config });
  const recovered = reopened.log;
  const report = reopened.recovery;
  const start = recovered.logStartOffset;
  const end = recovered.logEndOffset;
  const context = `damage ${JSON.stringify(damages)}; log [${start}, ${end}) of [0, ${appendedEnd})`;

  // Read everything back, batch by batch: whole, CRC-valid, and equal to what was appended.
  const served: { offset: number; timestamp: number }[] = [];
  let next = start;
  while (next < end) {
    const result = recovered.read(next, 1 << 16);
    if ('error' in result) {
      fail(`read at ${next} failed: ${result.message}; ${context}`);
      break;
    }
    if (result.slices.length === 0) {
      if (gapReported(report, next, end)) break;
      fail(`read at ${next} returned nothing below the log end ${end}; ${context}`);
      break;
    }
    const bytes = recovered.readBytes(result);
    const { batches: located, stop } = scanBatches(bytes);
    if (stop) {
      fail(`served bytes fail the batch check at ${stop.position}: ${stop.problem}; ${context}`);
      break;
    }
    const firstBatch = located[0];
    if (
      firstBatch &&
      firstBatch.header.baseOffset > next &&
      gapReported(report, next, firstBatch.header.baseOffset)
    )
      next = firstBatch.header.baseOffset;
    if (!firstBatch || firstBatch.header.baseOffset > next || lastOffsetOf(firstBatch.header) < next) {
      fail(`read at ${next} served a batch starting at ${firstBatch?.header.baseOffset}; ${context}`);
      break;
    }
    for (const batch of located) {
      if (!checkBatch(bytes, batch.position).ok) fail(`served a batch failing its CRC; ${context}`);
      for (const record of decodeBatchRecords(bytes, batch.position, batch.header)) {
        if (record.offset < next) continue;
        const expected = truth.get(record.offset);
        if (record.offset !== next && !gapReported(report, next, record.offset))
          fail(`records jump from ${next} to ${record.offset} with no gap reported; ${context}`);
        if (!expected || record.value?.toString() !== expected.value)
          fail(
            `offset ${record.offset} holds '${record.value?.toString()}', not '${expected?.value}'; ${context}`,
          );
        served.push({ offset: record.offset, timestamp: record.timestamp });
        next = record.offset + 1;
      }
    }
    if (failed) break;
  }

  if (end > appendedEnd && !checkpointTouched) fail(`log end ${end} is past what was appended; ${context}`);
  if (!checkpointTouched && end < mustKeep)
    fail(`recovery cut to ${end}, but every batch below ${mustKeep} was undamaged; ${context}`);
  const dropped = appendedEnd - end + start;
  const reported = report.truncations.length + report.corruptions.length + report.segmentsDeleted.length;
  if ((end < flushed || start > 0) && reported === 0 && !checkpointTouched)
    fail(`flushed records dropped without a word in the recovery report (flushed to ${flushed}); ${context}`);

  let previous = { epoch: -1, startOffset: -1 };
  for (const entry of recovered.epochEntries()) {
    if (entry.epoch <= previous.epoch || entry.startOffset < previous.startOffset || entry.startOffset > end)
      fail(`leader-epoch cache out of order: ${JSON.stringify(recovered.epochEntries())}; ${context}`);
    previous = entry;
  }
  recovered.endOffsetForEpoch(random.int(epoch + 2));

  if (served.length > 0) {
    const target = served[random.int(served.length)]!.timestamp - random.int(2);
    const expected = served.find((r) => r.timestamp >= target);
    const found = recovered.offsetForTimestamp(target);
    if (found?.offset !== expected?.offset)
      fail(
        `offsetForTimestamp(${target}) = ${found?.offset}, the records say ${expected?.offset}; ${context}`,
      );
  }

  const after = recovered.append(buildRecordBatch([{ value: 'after', timestamp: clock.time }]), epoch + 1);
  if ('error' in after) fail(`append after recovery failed: ${after.message}; ${context}`);
  recovered.close();
  return { damages, report, appended: appendedEnd, dropped };
}
