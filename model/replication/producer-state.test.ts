// The model's producer state replays the idempotent-producer scenario whose answers are Kafka
// 4.4's (spec/testing/producer-state-scenario.ts, checked against Kafka's own UnifiedLog in
// properties/adapters/kafka-java/producer-state-probe.test.ts).
import test from 'ava';
import {
  expectedAnswers,
  FOLLOWER_SCENARIO,
  LEADER_SCENARIO,
  type ProducerAnswer,
  type ProducerStep,
} from '../../spec/testing/producer-state-scenario.ts';
import { truncateTo } from './fetch.ts';
import {
  checkSequence,
  lastSequence,
  producerStates,
  snapshotsAfterLoad,
  snapshotsAfterTruncation,
} from './producer-state.ts';
import type { Entry, Replica } from './types.ts';

const empty: Replica = {
  alive: true,
  gone: false,
  log: [],
  flushed: 0,
  highWatermark: 0,
  remoteLogEndOffset: 0,
};

function append(replica: Replica, step: Extract<ProducerStep, { kind: 'lead' | 'follow' }>): Replica {
  const producer = {
    producerId: step.producerId,
    producerEpoch: step.epoch,
    baseSequence: step.sequence,
    count: step.count,
  };
  const entries: Entry[] = Array.from({ length: step.count }, (_, i) => ({
    value: replica.log.length + i + 1,
    epoch: 0,
    producer,
  }));
  return { ...replica, log: replica.log.concat(entries) };
}

function replay(steps: readonly ProducerStep[]): ProducerAnswer[] {
  let replica = empty;
  return steps.map((step): ProducerAnswer => {
    switch (step.kind) {
      case 'follow':
        replica = append(replica, step);
        return 'ok';
      case 'restart':
        replica = {
          ...replica,
          producerSnapshots: snapshotsAfterLoad(replica.producerSnapshots, replica.log.length),
        };
        return 'ok';
      case 'truncate':
        replica = truncateTo(replica, step.offset);
        return 'ok';
      default: {
        const header = {
          producerId: step.producerId,
          producerEpoch: step.epoch,
          baseSequence: step.sequence,
        };
        const check = checkSequence(producerStates(replica), header, step.count);
        if (check.kind === 'refuse') return check.error;
        if (check.kind === 'duplicate') return [check.firstOffset, check.lastOffset];
        const base = replica.log.length;
        replica = append(replica, step);
        return [base, base + step.count - 1];
      }
    }
  });
}

for (const [name, scenario] of [
  ['leader', LEADER_SCENARIO],
  ['follower', FOLLOWER_SCENARIO],
] as const)
  test(`IP-1 IP-2 IP-3 IP-4 IP-5 IP-6 the model answers Kafka 4.4's ${name} scenario as Kafka does`, (t) => {
    t.deepEqual(
      replay(scenario).map((answer, i) => [scenario[i]!.what, answer]),
      expectedAnswers(scenario).map((answer, i) => [scenario[i]!.what, answer]),
    );
  });

test('IP-1 sequences wrap from Integer.MAX_VALUE to 0, and a batch after the wrap is in sequence', (t) => {
  t.is(lastSequence(2147483646, 3), 0);
  const mark = { producerId: 7, producerEpoch: 0, baseSequence: 2147483647, count: 1 };
  const replica: Replica = { ...empty, log: [{ value: 1, epoch: 0, producer: mark }] };
  t.deepEqual(
    checkSequence(producerStates(replica), { producerId: 7, producerEpoch: 0, baseSequence: 0 }, 1),
    {
      kind: 'append',
    },
  );
});

test('IP-6 a truncation reloads from the latest snapshot at or below its target and snapshots the target', (t) => {
  t.deepEqual(snapshotsAfterTruncation({ loadedFrom: 9, offsets: [4, 9] }, 6), {
    loadedFrom: 4,
    offsets: [4, 6],
  });
  t.deepEqual(snapshotsAfterTruncation(undefined, 3), { loadedFrom: 0, offsets: [3] });
  t.deepEqual(snapshotsAfterLoad({ loadedFrom: 0, offsets: [2, 4, 9] }, 8), {
    loadedFrom: 8,
    offsets: [4, 8],
  });
});
