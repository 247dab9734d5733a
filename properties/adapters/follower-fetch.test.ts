// The replicate event's choices (spec/events.ts ReplicateEvent): one follower fetching alone at a
// chosen offset and last fetched epoch (RP-26, RP-14), and the ISR expiration running before
// waiting produces are checked (RP-10). Each script runs on the data-plane model and on the
// reference cluster; both must give the answers and end states the rules say.
import test from 'ava';
import { dataPlaneModel } from '../../model/data-plane/data-plane-model.ts';
import { type Config, resolveConfig } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { PartitionSnapshot } from '../../spec/state.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';
import { createReferenceSystem } from './reference/index.ts';

const TWO_BROKERS: Config = {
  brokers: 2,
  'replication.factor': 2,
  partitions: 1,
  'min.insync.replicas': 2,
  'replica.lag.time.max.ms': 10000,
};
const createTopic: Event = { type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 2 };
const produce = (values: string[], acks: number): Event => ({
  type: 'produce',
  producer: 'p',
  topic: 't',
  partition: 0,
  values,
  acks,
});

interface Outcome {
  readonly answers: Observation[][];
  readonly partition: PartitionSnapshot;
}

/** Runs `events` (after creating topic t) on `system`; a function event is computed from the partition. */
async function play(
  system: SystemUnderTest,
  events: readonly (Event | ((p: PartitionSnapshot) => Event))[],
): Promise<Outcome> {
  await system.reset({ seed: 5, config: resolveConfig(TWO_BROKERS) });
  let seq = 0;
  const partition = async () => (await system.inspect!()).partitions.find((p) => p.topic === 't')!;
  try {
    await system.apply(createTopic, seq++);
    const answers: Observation[][] = [];
    for (const event of events) {
      const concrete = typeof event === 'function' ? event(await partition()) : event;
      answers.push(await system.apply(concrete, seq++));
    }
    return { answers, partition: await partition() };
  } finally {
    await system.close();
  }
}

/** Plays on the model and the reference; they must agree, and the model's outcome is returned. */
async function both(
  t: import('ava').ExecutionContext,
  events: readonly (Event | ((p: PartitionSnapshot) => Event))[],
) {
  const model = await play(dataPlaneModel(), events);
  const reference = await play(createReferenceSystem({ storage: 'simulated' }), events);
  t.deepEqual(reference, model, 'the reference answers and ends as the model');
  return model;
}

const follower = (p: PartitionSnapshot) => p.replicas.find((b) => b !== p.leader)!;
const replicaOf = (p: PartitionSnapshot, broker: number) => p.replicaStates.find((r) => r.broker === broker)!;
const errorsOf = (answers: Observation[]) =>
  answers.flatMap((o) => (o.type === 'produce-response' ? [o.error] : []));

test('RP-10: a fetch moves the HW past an acks=all batch and the ISR expiration drops the follower before the produce completes: NOT_ENOUGH_REPLICAS_AFTER_APPEND, the data stays', async (t) => {
  const alone = (p: PartitionSnapshot, race: boolean): Event => ({
    type: 'replicate',
    topic: 't',
    partition: 0,
    follower: follower(p),
    ...(race ? { expireIsrBeforeCompletion: true } : {}),
  });
  const script = (race: boolean) => [
    produce(['a'], -1), // offset 0, waits for the follower
    (p: PartitionSnapshot) => alone(p, false), // it copies 'a' (the leader knows it at 0)
    produce(['b'], 1), // offset 1: the leader's LEO is 2
    { type: 'advance-time', ms: 11_000 } as Event, // not caught up since 0; checks at 5 s and 10 s
    (p: PartitionSnapshot) => alone(p, race), // at 1: the HW moves past 'a', not to the LEO
  ];
  const raced = await both(t, script(true));
  t.deepEqual(errorsOf(raced.answers[4]!), ['NOT_ENOUGH_REPLICAS_AFTER_APPEND']);
  t.deepEqual(raced.partition.isr, [raced.partition.leader!], 'the follower lagged out');
  t.is(raced.partition.highWatermark, 1, "'a' stays below the HW");
  const plain = await both(t, script(false));
  t.deepEqual(errorsOf(plain.answers[4]!), ['NONE'], 'without the race the produce completes first');
});

test('RP-26: a follower fetch at a chosen offset moves what the leader knows (and the HW, even past what the follower holds), not the follower, whose fetcher drops an answer to a request it did not send', async (t) => {
  const outcome = await both(t, [
    produce(['a', 'b'], 1),
    (p) => ({ type: 'replicate', topic: 't', partition: 0, follower: follower(p), fetchOffset: 2 }),
  ]);
  const p = outcome.partition;
  t.is(p.highWatermark, 2, 'the leader took offset 2 as the follower LEO');
  t.is(replicaOf(p, follower(p)).logEndOffset, 0, 'the follower copied nothing');
  const own = await both(t, [
    produce(['a', 'b'], 1),
    (p) => ({ type: 'replicate', topic: 't', partition: 0, follower: follower(p) }),
  ]);
  t.is(replicaOf(own.partition, follower(own.partition)).logEndOffset, 2, 'its own offset: it copies');
});

test('RP-26: only the chosen follower fetches', async (t) => {
  const outcome = await both(t, [
    { type: 'create-topic', topic: 'u', partitions: 1, replicationFactor: 2 },
    produce(['a'], 1),
    (p) => ({ type: 'replicate', topic: 't', partition: 0, follower: p.leader! }),
  ]);
  t.is(replicaOf(outcome.partition, follower(outcome.partition)).logEndOffset, 0);
});

test('RP-14: a last fetched epoch above every epoch the leader knows is out of range (Partition.readRecords), and the follower keeps a log no longer than the leader', async (t) => {
  const outcome = await both(t, [
    produce(['a'], 1),
    (p) => ({ type: 'replicate', topic: 't', partition: 0, follower: follower(p) }),
    produce(['b'], 1),
    (p) => ({ type: 'replicate', topic: 't', partition: 0, follower: follower(p), lastFetchedEpoch: 7 }),
  ]);
  const p = outcome.partition;
  t.is(replicaOf(p, follower(p)).logEndOffset, 1, 'no divergence truncation, and no records copied');
  t.is(
    p.highWatermark,
    0,
    'the leader still knows the follower at 0: the out-of-range fetch told it nothing',
  );
});
