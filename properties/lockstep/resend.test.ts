// A retry sends each value with the timestamp it was first sent with (LG-7): the producer re-sends
// the batch it built, whether the first send named timestamps or was stamped with the run's clock.
import test from 'ava';
import { resolveConfig } from '../../spec/config.ts';
import type { ProduceEvent } from '../../spec/events.ts';
import { RunKnowledge } from './knowledge.ts';
import { resend } from './resend.ts';

const send = (values: string[], extra: Partial<ProduceEvent> = {}): ProduceEvent => ({
  type: 'produce',
  producer: 'p0',
  topic: 't',
  partition: 0,
  values,
  acks: -1,
  ...extra,
});

function failedOnce(event: ProduceEvent, timeMs: number): RunKnowledge {
  const k = new RunKnowledge(resolveConfig({ 'kspec.producer.send': 'callback' }));
  k.timeMs = timeMs;
  k.learn(
    event,
    1,
    [
      {
        type: 'produce-response',
        request: 1,
        producer: event.producer,
        topic: event.topic,
        partition: event.partition,
        acks: -1,
        error: 'NOT_LEADER_OR_FOLLOWER',
        baseOffset: -1,
        values: [...event.values],
      },
    ],
    undefined,
  );
  k.timeMs += 60_000;
  return k;
}

test('a retry keeps the timestamps the first send named, or the clock it was stamped with', (t) => {
  const named = failedOnce(send(['a', 'b'], { timestamps: [5, 1] }), 1_000);
  t.deepEqual(resend(named.pendingSends.get('b')!, -1).timestamps, [1]);
  const stamped = failedOnce(send(['c']), 1_000);
  t.deepEqual(resend(stamped.pendingSends.get('c')!, -1).timestamps, [1_000]);
  t.deepEqual(stamped.sentTimestamps, [1_000]);
  t.deepEqual(named.sentTimestamps, [1, 5], 'ascending and distinct');
});

test('an idempotent batch is re-sent whole with its timestamps', (t) => {
  const idempotence = { producerId: 1, producerEpoch: 0, baseSequence: 0 };
  const k = failedOnce(send(['a', 'b'], { timestamps: [9, 3], idempotence }), 0);
  t.like(resend(k.pendingSends.get('a')!, -1), { values: ['a', 'b'], timestamps: [9, 3], idempotence });
});
