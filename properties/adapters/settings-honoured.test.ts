// The reference cluster honours every broker and topic setting the data-plane model honours. Each
// setting gets a short run whose outcome the setting decides: the model must answer differently
// with the setting than without it (so the run exercises it), and the reference must end as the
// model does with it. Settings the client side reads (acks, kspec.producer.send, retries) are played
// by properties/client for every system alike; fault budgets (kspec.faults.*) bound generators, not
// brokers; eligible.leader.replicas.version has one value kspec specifies (RP-23).
import test from 'ava';
import { dataPlaneModel } from '../../model/data-plane/data-plane-model.ts';
import { type Config, resolveConfig } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { PartitionSnapshot } from '../../spec/state.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';
import { createReferenceSystem } from './reference/index.ts';

/** What a run lets a script do: apply events and look at the partition. */
interface Run {
  step(event: Event): Promise<Observation[]>;
  partition(): Promise<PartitionSnapshot>;
}

interface HonouredSetting {
  readonly name: string;
  readonly value: string | number | boolean;
  /** Settings both runs share (beyond two brokers, replication factor 2). */
  readonly base?: Config;
  /** The run (topic t, one partition) and what it shows of the setting. */
  readonly script: (run: Run) => Promise<unknown>;
}

const TWO_BROKERS: Config = { brokers: 2, 'replication.factor': 2, partitions: 1 };
const createTopic: Event = { type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 2 };
const produce = (values: string[], acks: number): Event => ({
  type: 'produce',
  producer: 'p',
  topic: 't',
  partition: 0,
  values,
  acks,
});
const errors = (observations: readonly Observation[]) =>
  observations.flatMap((o) => (o.type === 'produce-response' ? [o.error] : []));

/** Followers that do not catch up for 2 s leave the ISR. */
const QUICK_LAG: Config = { 'replica.lag.time.max.ms': 2000 };

/** The follower leaves the ISR: it never fetched what the leader appended, for longer than 2 s. */
async function lagOut(run: Run): Promise<void> {
  await run.step(createTopic);
  await run.step(produce(['a'], 1));
  await run.step({ type: 'advance-time', ms: 3000 });
}

const HONOURED_SETTINGS: readonly HonouredSetting[] = [
  {
    name: 'replica.lag.time.max.ms',
    value: 2000,
    script: async (run) => {
      await lagOut(run);
      return (await run.partition()).isr.length;
    },
  },
  {
    name: 'min.insync.replicas',
    value: 2,
    base: QUICK_LAG,
    script: async (run) => {
      await lagOut(run);
      return errors(await run.step(produce(['b'], -1)));
    },
  },
  {
    name: 'unclean.leader.election.enable',
    value: true,
    base: QUICK_LAG,
    script: async (run) => {
      await lagOut(run);
      const { leader } = await run.partition();
      await run.step({ type: 'broker-failure', broker: leader!, kind: 'process-crash' });
      await run.step(sessionExpiry); // the controller fences the crashed leader (RP-25)
      return (await run.partition()).leader === null ? 'offline' : 'elected';
    },
  },
  {
    name: 'kspec.replication.truncation',
    value: 'high-watermark',
    script: async (run) => {
      await run.step(createTopic);
      await run.step(produce(['a', 'b'], 1));
      await run.step({ type: 'replicate' }); // the follower holds both, its HW still 0
      const { leader } = await run.partition();
      await run.step({ type: 'broker-failure', broker: leader!, kind: 'clean-shutdown' });
      await run.step({ type: 'broker-restart', broker: leader! });
      // The old leader follows now: RP-15 cuts it to its own HW (0) at once, RP-14 keeps its log.
      return (await run.partition()).replicaStates.find((r) => r.broker === leader)?.logEndOffset;
    },
  },
  {
    name: 'flush.messages',
    value: 1,
    script: async (run) => {
      await run.step({ ...createTopic, replicationFactor: 1 });
      await run.step(produce(['a'], 1));
      await run.step({ type: 'broker-failure', broker: (await run.partition()).leader!, kind: 'power-loss' });
      await run.step(sessionExpiry); // fenced, so the restarted process may register (RP-25)
      const { replicas } = await run.partition();
      await run.step({ type: 'broker-restart', broker: replicas[0]! });
      // Without flush.messages a power loss may take the unflushed record (how much is the disk's choice).
      return (await run.partition()).replicaStates[0]?.logEndOffset === 1 ? 'kept' : 'maybe lost';
    },
  },
];

/** broker.session.timeout.ms (9000) passes: a stopped broker is fenced (RP-25). */
const sessionExpiry = { type: 'advance-time', ms: 9000 } as const;

async function outcome(system: SystemUnderTest, config: Config, setting: HonouredSetting) {
  await system.reset({
    seed: 3,
    config: resolveConfig({ ...TWO_BROKERS, ...setting.base, ...config }),
  });
  let seq = 0;
  const run: Run = {
    step: (event) => system.apply(event, seq++),
    partition: async () => (await system.inspect!()).partitions.find((p) => p.topic === 't')!,
  };
  try {
    return await setting.script(run);
  } finally {
    await system.close();
  }
}

for (const setting of HONOURED_SETTINGS) {
  test(`RP-15 RP-16: the reference honours ${setting.name} as the data-plane model does`, async (t) => {
    const flipped = { [setting.name]: setting.value };
    const modelWith = await outcome(dataPlaneModel(), flipped, setting);
    t.notDeepEqual(modelWith, await outcome(dataPlaneModel(), {}, setting), 'the run exercises the setting');
    const referenceWith = await outcome(createReferenceSystem({ storage: 'simulated' }), flipped, setting);
    t.deepEqual(referenceWith, modelWith);
  });
}

test('the list covers every broker and topic setting the replication model reads', (t) => {
  // model/replication/settings.ts and the data-plane world config read these by Kafka's names.
  const read = [
    'min.insync.replicas',
    'unclean.leader.election.enable',
    'kspec.replication.truncation',
    'flush.messages',
    'replica.lag.time.max.ms',
  ];
  t.deepEqual(HONOURED_SETTINGS.map((s) => s.name).sort(), [...read].sort());
});
