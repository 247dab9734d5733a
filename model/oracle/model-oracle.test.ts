// The composite oracle's consumer level and routing, over a fixed in-test log (the data-plane model
// has its own tests): where a poll starts, what it returns, what auto commit and commitSync send,
// what a crash forgets, and that group answers stop being predicted once the coordinator may move.
import test from 'ava';
import { type Config, resolveConfig } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { SystemState } from '../../spec/state.ts';
import type { Capabilities } from '../../spec/sut.ts';
import { CONTRACT_VERSION } from '../../spec/version.ts';
import { type DataPlaneOracle, ModelOracle } from './model-oracle.ts';

/** One partition t-0 holding `log`, all of it below the HW, always reachable. */
class FixedLog implements DataPlaneOracle {
  constructor(readonly log: string[]) {}
  async capabilities(): Promise<Capabilities> {
    return {
      contractVersion: CONTRACT_VERSION,
      name: 'fixed log',
      events: [],
      inspect: true,
      deterministic: true,
    };
  }
  async reset(): Promise<void> {}
  async close(): Promise<void> {}
  async apply(event: Event, seq: number): Promise<Observation[]> {
    if (event.type === 'create-topic' || event.type === 'partition-change')
      return [{ type: 'admin-response', request: seq, op: event.type, topic: event.topic, error: 'NONE' }];
    if (event.type !== 'fetch') return [];
    const records = this.log
      .slice(event.offset, event.offset + (event.maxRecords ?? 500))
      .map((value, i) => ({ offset: event.offset + i, value }));
    return [
      {
        type: 'fetch-response',
        request: seq,
        client: event.client,
        topic: event.topic,
        partition: event.partition,
        error: event.offset > this.log.length ? 'OFFSET_OUT_OF_RANGE' : 'NONE',
        highWatermark: this.log.length,
        logStartOffset: 0,
        records,
      },
    ];
  }
  async inspect(): Promise<SystemState> {
    return { timeMs: 0, brokers: [], groups: [], partitions: [] };
  }
}

async function oracleWith(config: Config, log = ['a', 'b', 'c', 'd']) {
  const oracle = new ModelOracle(new FixedLog(log));
  await oracle.reset({ seed: 1, config: resolveConfig({ partitions: 1, ...config }) });
  let seq = 0;
  const step = (event: Event) => oracle.apply(event, seq++);
  await step({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 1 });
  return { oracle, step };
}

const joinEvent = (member: 'none' | 'own'): Event => ({
  type: 'join',
  client: 'c0',
  group: 'g',
  member,
  protocols: [{ name: 'range', topics: ['t'] }],
  sessionTimeoutMs: 45000,
  rebalanceTimeoutMs: 300000,
  version: 5,
});

/** c0 alone: join (learning its id), wait out the initial delay, sync its own plan: t-0. */
async function joinAlone(step: (event: Event) => Promise<Observation[]>) {
  await step(joinEvent('none'));
  await step(joinEvent('own'));
  await step({ type: 'advance-time', ms: 3000 });
  const sync = await step({ type: 'sync', client: 'c0', group: 'g', generation: 1, member: 'own' });
  return sync.find((o) => o.type === 'sync-response');
}

const pollOf = (answers: Observation[]) => answers.find((o) => o.type === 'poll-result');
const commitsOf = (answers: Observation[]) => answers.filter((o) => o.type === 'commit-response');

test('a first poll starts by auto.offset.reset, later polls continue, max records apply (OC-13)', async (t) => {
  const { step } = await oracleWith({ 'auto.offset.reset': 'earliest', 'enable.auto.commit': false });
  const sync = await joinAlone(step);
  t.deepEqual(sync?.type === 'sync-response' && sync.assignment, [{ topic: 't', partitions: [0] }]);
  const first = pollOf(await step({ type: 'poll', client: 'c0', group: 'g', maxRecords: 3 }));
  t.deepEqual(first?.type === 'poll-result' && first.records.map((r) => r.value), ['a', 'b', 'c']);
  const second = pollOf(await step({ type: 'poll', client: 'c0', group: 'g' }));
  t.deepEqual(second?.type === 'poll-result' && second.records.map((r) => [r.offset, r.value]), [[3, 'd']]);
});

test('auto.offset.reset=latest starts at the HW; none raises NoOffsetForPartitionException (OC-13)', async (t) => {
  const latest = await oracleWith({ 'auto.offset.reset': 'latest' });
  await joinAlone(latest.step);
  const poll = pollOf(await latest.step({ type: 'poll', client: 'c0', group: 'g' }));
  t.deepEqual(poll?.type === 'poll-result' && [poll.exception, poll.records.length], [null, 0]);
  const none = await oracleWith({ 'auto.offset.reset': 'none' });
  await joinAlone(none.step);
  const raised = pollOf(await none.step({ type: 'poll', client: 'c0', group: 'g' }));
  t.is(raised?.type === 'poll-result' ? raised.exception : undefined, 'NoOffsetForPartitionException');
});

test('auto commit sends the previous positions inside a poll once the interval passed (OC-15)', async (t) => {
  const { step } = await oracleWith({ 'auto.offset.reset': 'earliest', 'auto.commit.interval.ms': 5000 });
  await joinAlone(step);
  t.deepEqual(commitsOf(await step({ type: 'poll', client: 'c0', group: 'g', maxRecords: 2 })), []);
  await step({ type: 'advance-time', ms: 5000 });
  const answers = await step({ type: 'poll', client: 'c0', group: 'g', maxRecords: 1 });
  const [commit] = commitsOf(answers);
  t.like(commit, {
    source: 'auto',
    generation: 1,
    partitions: [{ topic: 't', partition: 0, offset: 2, error: 'NONE' }],
  });
  // The commit holds the positions from before this poll's records (at-least-once).
  const poll = pollOf(answers);
  t.deepEqual(poll?.type === 'poll-result' && poll.records.map((r) => r.offset), [2]);
});

test('commitSync commits the positions; with nothing consumed it sends nothing; a crash forgets positions', async (t) => {
  const { step } = await oracleWith({ 'auto.offset.reset': 'earliest', 'enable.auto.commit': false });
  await joinAlone(step);
  const empty = commitsOf(await step({ type: 'consumer-commit', client: 'c0', group: 'g', mode: 'sync' }));
  t.like(empty[0], { source: 'consumer', partitions: [] });
  await step({ type: 'poll', client: 'c0', group: 'g', maxRecords: 3 });
  const [commit] = commitsOf(
    await step({ type: 'consumer-commit', client: 'c0', group: 'g', mode: 'async' }),
  );
  t.like(commit, { source: 'consumer', generation: 1, partitions: [{ offset: 3, error: 'NONE' }] });
  await step({ type: 'consumer-crash', client: 'c0' });
  const after = commitsOf(await step({ type: 'consumer-commit', client: 'c0', group: 'g', mode: 'sync' }));
  t.like(after[0], { generation: -1, partitions: [] });
});

test('a fault that may move the coordinator stops the group predictions, not the data ones', async (t) => {
  const { oracle, step } = await oracleWith({ brokers: 3 });
  await joinAlone(step);
  t.true(oracle.observes.includes('join-response'));
  // No snapshot has named the group's coordinator: it may be the broker that fails.
  await step({ type: 'broker-failure', broker: 1, kind: 'process-crash' });
  t.false(oracle.observes.includes('join-response'));
  t.false(oracle.observes.includes('poll-result'));
  t.true(oracle.observes.includes('produce-response'));
  t.deepEqual(await step(joinEvent('none')), []);
});

test('OC-11 a failure of a broker that is not the coordinator leaves the group predictions', async (t) => {
  const { oracle, step } = await oracleWith({ brokers: 3 });
  await joinAlone(step);
  const seen = await oracle.inspect();
  oracle.adopt({ ...seen, groups: seen.groups.map((g) => ({ ...g, coordinator: 0 })) });
  await step({ type: 'broker-failure', broker: 1, kind: 'clean-shutdown' });
  t.true(oracle.observes.includes('join-response'));
  const heartbeat = await step({ type: 'heartbeat', client: 'c0', group: 'g', generation: 1, member: 'own' });
  t.like(heartbeat[0], { type: 'heartbeat-response', error: 'NONE' });
  await step({ type: 'network-partition', isolate: { brokers: [2], clients: [] } });
  t.false(oracle.observes.includes('join-response'));
});

test('OC-11 RP-25 after a process crash a group request ends the predictions until the controller has surely fenced the broker: coordinator writes wait for it', async (t) => {
  for (const wait of [0, 10_000]) {
    const { oracle, step } = await oracleWith({ brokers: 3 });
    await joinAlone(step);
    const seen = await oracle.inspect();
    oracle.adopt({ ...seen, groups: seen.groups.map((g) => ({ ...g, coordinator: 0 })) });
    await step({ type: 'broker-failure', broker: 1, kind: 'process-crash' });
    if (wait > 0) {
      await step({ type: 'advance-time', ms: wait });
      t.false(
        oracle.observes.includes('join-response'),
        'time passing with a group in the window ends them too',
      );
      continue;
    }
    await step({ type: 'heartbeat', client: 'c0', group: 'g', generation: 1, member: 'own' });
    t.false(oracle.observes.includes('join-response'), 'a group request inside the window');
  }
});
