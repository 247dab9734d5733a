// The reference log's producer state (producer-state.ts, with snapshot files beside the segments)
// replays the idempotent-producer scenario whose answers are Kafka 4.4's
// (spec/testing/producer-state-scenario.ts, checked against Kafka's own UnifiedLog in
// properties/adapters/kafka-java/producer-state-probe.test.ts), on a simulated disk.
import test from 'ava';
import {
  expectedAnswers,
  FOLLOWER_SCENARIO,
  LEADER_SCENARIO,
  type ProducerAnswer,
  type ProducerStep,
} from '../../spec/testing/producer-state-scenario.ts';
import { buildRecordBatch } from './batch/build.ts';
import type { PartitionLog } from './partition-log.ts';
import { decodeSnapshot, encodeSnapshot, snapshotFileName } from './producer-snapshot.ts';
import { ManualClock, openLog, simulatedDisk } from './testing/log-fixtures.ts';

interface Header {
  readonly producerId: number;
  readonly epoch: number;
  readonly sequence: number;
  readonly count: number;
}

function batch(step: Header, clock: ManualClock, baseOffset = 0): Buffer {
  const records = Array.from({ length: step.count }, (_, i) => ({ value: `v${i}`, timestamp: clock.now() }));
  return buildRecordBatch(records, {
    baseOffset,
    partitionLeaderEpoch: 0,
    producerId: step.producerId,
    producerEpoch: step.epoch,
    baseSequence: step.sequence,
  });
}

function replay(steps: readonly ProducerStep[]): { answers: ProducerAnswer[]; log: PartitionLog } {
  const fs = simulatedDisk();
  const clock = new ManualClock();
  let log = openLog(fs, clock).log;
  const answers = steps.map((step): ProducerAnswer => {
    switch (step.kind) {
      case 'follow': {
        const appended = log.appendAsFollower(batch(step, clock, log.logEndOffset));
        return 'error' in appended ? appended.error : 'ok';
      }
      case 'restart':
        if (step.clean) log.close();
        else fs.crash();
        log = openLog(fs, clock).log;
        return 'ok';
      case 'truncate':
        log.truncateTo(step.offset);
        return 'ok';
      default: {
        const appended = log.append(batch(step, clock), 0);
        return 'error' in appended ? appended.error : [appended.baseOffset, appended.lastOffset];
      }
    }
  });
  return { answers, log };
}

for (const [name, scenario] of [
  ['leader', LEADER_SCENARIO],
  ['follower', FOLLOWER_SCENARIO],
] as const)
  test(`IP-1 IP-2 IP-3 IP-4 IP-5 IP-6 the reference log answers Kafka 4.4's ${name} scenario as Kafka does`, (t) => {
    t.deepEqual(
      replay(scenario).answers.map((answer, i) => [scenario[i]!.what, answer]),
      expectedAnswers(scenario).map((answer, i) => [scenario[i]!.what, answer]),
    );
  });

test('IP-2 a duplicate writes nothing and says so; IP-1 a producer id with a negative sequence is INVALID_RECORD', (t) => {
  const clock = new ManualClock();
  const { log } = openLog(simulatedDisk(), clock);
  const step = { producerId: 4, epoch: 0, sequence: 0, count: 2 };
  t.false('error' in log.append(batch(step, clock), 0));
  const retry = log.append(batch(step, clock), 0);
  t.like(retry, { baseOffset: 0, lastOffset: 1, duplicate: true, recordCount: 0 });
  t.is(log.logEndOffset, 2);
  t.like(log.append(batch({ ...step, sequence: -1 }, clock), 0), { error: 'INVALID_RECORD' });
  t.like(log.append(buildRecordBatch([{ value: 'plain', timestamp: 0 }]), 0), { baseOffset: 2 });
});

test('IP-6 snapshot files are named and laid out as Kafka 4.4 writes them, and a damaged one counts as none', (t) => {
  const { log } = replay(LEADER_SCENARIO);
  t.deepEqual(log.producerState.snapshotOffsets(), [19]);
  t.is(snapshotFileName(19), '00000000000000000019.snapshot');
  const entries = [
    { producerId: 1, epoch: 1, lastSequence: 9, lastOffset: 19, offsetDelta: 0, timestamp: 5 },
  ];
  const bytes = encodeSnapshot(entries);
  t.is(bytes.readInt16BE(0), 1); // version
  t.is(bytes.length, 2 + 4 + 4 + 46); // version, CRC, count, one entry
  t.deepEqual(decodeSnapshot(bytes), entries);
  const damaged = Buffer.from(bytes);
  damaged[20] = damaged[20]! ^ 1;
  t.is(decodeSnapshot(damaged), undefined);
});
