// reference:wire on its own: requests never queue behind a parked one (two acks=all produces of one
// producer are both answered when replication completes them), and a suite in lockstep with the
// model compares every event.
import test from 'ava';
import { resolveConfig } from '../../../spec/config.ts';
import type { Observation } from '../../../spec/observations.ts';
import { runSuite } from '../../check/run-suite.ts';
import { suiteByName } from '../../suites/index.ts';
import { resolveAdapter } from '../resolve.ts';
import { createReferenceWireSystem } from './reference-wire-system.ts';

test('two acks=all produces of one producer are both taken and both answered', async (t) => {
  const system = createReferenceWireSystem();
  try {
    await system.reset({
      seed: 1,
      config: resolveConfig({ 'replication.factor': 2, 'min.insync.replicas': 2 }),
    });
    await system.apply({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 2 }, 0);
    const produce = (seq: number) =>
      system.apply(
        { type: 'produce', producer: 'p', topic: 't', partition: 0, values: [`v${seq}`], acks: -1 },
        seq,
      );
    t.deepEqual(await produce(1), []);
    t.deepEqual(await produce(2), []);
    const answers = [
      ...(await system.apply({ type: 'replicate' }, 3)),
      ...(await system.apply({ type: 'replicate' }, 4)),
    ];
    t.deepEqual(
      answers
        .filter((o) => o.type === 'produce-response')
        .map((o) => [o.request, (o as { error: string }).error]),
      [
        [1, 'NONE'],
        [2, 'NONE'],
      ],
    );
  } finally {
    await system.close();
  }
});

test('RP-24: ListOffsets at v0 (the offset in its own list) and v1-v6 answer the same offsets over the wire', async (t) => {
  const system = createReferenceWireSystem();
  try {
    await system.reset({ seed: 1, config: resolveConfig({ 'replication.factor': 1 }) });
    await system.apply({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 1 }, 0);
    await system.apply(
      { type: 'produce', producer: 'p', topic: 't', partition: 0, values: ['a', 'b'], acks: 1 },
      1,
    );
    let seq = 2;
    for (const version of [0, 1, 4, 6])
      for (const position of ['earliest', 'latest'] as const) {
        const [answer] = await system.apply(
          { type: 'list-offsets', client: 'r', topic: 't', partition: 0, position, version },
          seq++,
        );
        t.like(answer, { error: 'NONE', offset: position === 'earliest' ? 0 : 2 }, `${position} v${version}`);
      }
  } finally {
    await system.close();
  }
});

/** `numRuns` runs of a suite against reference:wire in lockstep with the model: held, every event compared. */
async function wireSuite(t: import('ava').ExecutionContext, name: string, numRuns: number) {
  t.timeout(300_000);
  const outcome = await runSuite({
    suite: suiteByName(name)!,
    profile: 'safe',
    seed: 7,
    numRuns,
    system: await resolveAdapter('reference:wire'),
    oracle: await resolveAdapter('model'),
  });
  t.false(outcome.failed, outcome.findings?.[0]?.message ?? outcome.crash);
  t.is(outcome.tally.rows.get('lockstep-observation')?.checked, outcome.events);
  return outcome;
}

const answersCompared = (outcome: Awaited<ReturnType<typeof wireSuite>>, type: Observation['type']) =>
  outcome.tally.rows.get(`answer:${type}`)?.checked ?? 0;

test('the group suite over the wire: every event compared with the model', async (t) => {
  const outcome = await wireSuite(t, 'group', 10);
  t.true(answersCompared(outcome, 'join-response') > 10);
});

test('RP-16 RP-25 broker faults over the wire: ports close and reopen, leaders move, every event compared with the model', async (t) => {
  const coverage = (await wireSuite(t, 'replication', 8)).coverage.toJSON();
  t.deepEqual([...coverage.broker!.transitions].sort(), ['alive->dead', 'dead->alive']);
  t.true(coverage.partition!.transitions.includes('led->led(new epoch)'), 'a leader moved');
});

test('RP-27: the assignors suite over the wire compares every DescribeConfigs answer with the model', async (t) => {
  const outcome = await wireSuite(t, 'assignors', 10);
  t.true(answersCompared(outcome, 'describe-configs-response') > 0);
});
