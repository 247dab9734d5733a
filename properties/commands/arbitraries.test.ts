// The generator dimensions added for outcome coverage reach their values: probes with and without
// phases, fetches of an offline partition and of both ends of the partition range, record timestamps,
// lookups by timestamp and ListOffsets versions.
import test from 'ava';
import fc from 'fast-check';
import { resolveConfig } from '../../spec/config.ts';
import { RunKnowledge } from '../lockstep/knowledge.ts';
import { arbitraries } from './arbitraries.ts';
import type { CommitCommand } from './commit.ts';
import { metadataFor } from './commit.ts';
import type { CreateTopicCommand } from './create-topic.ts';
import { DESCRIBED_TOPICS, type DescribeConfigsCommand } from './describe-configs.ts';
import type { FetchCommand } from './fetch.ts';
import { type FlushedThenPowerLossCommand, pastNextFlusherRun } from './flushed-then-power-loss.ts';
import type { ListOffsetsCommand } from './list-offsets.ts';
import type { PartitionChangeCommand } from './partition-change.ts';
import type { ProbeCommand } from './probe.ts';
import type { ProduceCommand } from './produce.ts';
import { timestampAt } from './record-timestamps.ts';

test('probe draws no phases and one to three phases on', (t) => {
  const probes = fc.sample(arbitraries.probe, { seed: 17, numRuns: 300 }) as ProbeCommand[];
  t.deepEqual([...new Set(probes.map((p) => p.stall))].sort(), [0, 1, 2, 3]);
});

test('fetch draws an offline partition, partitions 0 to 5 and one past the topic (RP-22)', (t) => {
  const fetches = fc.sample(arbitraries.fetch, { seed: 17, numRuns: 300 }) as FetchCommand[];
  const partitions = new Set(fetches.map((f) => f.partition));
  for (const p of ['offline', 'unlisted', 0, 5] as const) t.true(partitions.has(p), String(p));
});

test('commit metadata reaches the limit in UTF-16 units with two-byte characters (OC-7), beside the ASCII boundaries', (t) => {
  const commits = fc.sample(arbitraries.commit, { seed: 17, numRuns: 400 }) as CommitCommand[];
  const choices = new Set(commits.map((c) => c.metadata));
  for (const choice of ['none', 'empty', 'short', 'at-limit', 'at-limit-two-byte', 'over-limit'] as const)
    t.true(choices.has(choice), choice);
  const k = new RunKnowledge(resolveConfig({}));
  const twoByte = metadataFor(k, 'at-limit-two-byte')!;
  t.is(twoByte.length, 4096);
  t.is(Buffer.byteLength(twoByte, 'utf8'), 8192);
});

test('timed produces reach 0, an hour ahead and times just around the clock; a lookup aims at, beside and past them (LG-7)', (t) => {
  const produces = fc.sample(arbitraries.timedProduce, { seed: 17, numRuns: 300 }) as ProduceCommand[];
  const choices = new Set(produces.flatMap((p) => p.variant.timestamps ?? []));
  for (const choice of ['zero', 'hour-ahead', -1, 0, 1, -5000, 5000] as const)
    t.true(choices.has(choice), String(choice));
  t.is(timestampAt('hour-ahead', 0, 10), 10 + 3_599_999, 'still inside message.timestamp.after.max.ms');
  t.is(timestampAt(-5000, 1000, 1000), 0, 'never below 0');
  t.is(timestampAt(1000, 3_599_000, 0), 3_599_999, 'never past an hour ahead of the clock');
  t.is(timestampAt(1, 700, 0), 701, 'a step from the timestamp sent before');
  const lookups = fc.sample(arbitraries.listOffsets, { seed: 17, numRuns: 300 }) as ListOffsetsCommand[];
  const positions = new Set(
    lookups.map((l) => (typeof l.position === 'string' ? l.position : `shift ${l.position.shift}`)),
  );
  for (const position of ['earliest', 'latest', 'zero', 'beyond', 'shift -1', 'shift 0', 'shift 1'])
    t.true(positions.has(position), position);
});

test('ListOffsets draws the newest version and every older one, v0 included (RP-24)', (t) => {
  const lookups = fc.sample(arbitraries.listOffsets, { seed: 17, numRuns: 300 }) as ListOffsetsCommand[];
  const versions = new Set(lookups.map((l) => l.version));
  for (const version of [undefined, 0, 1, 2, 3, 4, 5]) t.true(versions.has(version), `v${version}`);
});

test('admin topic creation draws both names and every config choice, valid and refusable (RP-1)', (t) => {
  const creations = fc.sample(arbitraries.createTopic, { seed: 17, numRuns: 200 }) as CreateTopicCommand[];
  t.deepEqual([...new Set(creations.map((c) => c.name))].sort(), [0, 1]);
  t.deepEqual([...new Set(creations.map((c) => c.config))].sort(), [
    'broker-setting',
    'none',
    'out-of-range',
    'unknown-setting',
    'valid',
  ]);
});

test('admin requests reach one past the 10,000 new partitions Kafka allows in one request (RP-1)', (t) => {
  const creations = fc.sample(arbitraries.createTopic, { seed: 17, numRuns: 200 }) as CreateTopicCommand[];
  t.deepEqual([...new Set(creations.map((c) => c.partitions))].sort(), [1, 10_001]);
  const changes = fc.sample(arbitraries.partitionChange, {
    seed: 17,
    numRuns: 200,
  }) as PartitionChangeCommand[];
  t.deepEqual(
    [...new Set(changes.filter((c) => !c.validateOnly).map((c) => c.more))].sort((a, b) => a - b),
    [1, 2, 10_001],
  );
  // Validate-only requests at the boundaries: the same count, one more, exactly 10,000 more, one past.
  t.deepEqual(
    [...new Set(changes.filter((c) => c.validateOnly).map((c) => c.more))].sort((a, b) => a - b),
    [0, 1, 10_000, 10_001],
  );
});

test('flushed-then-power-loss aims at the leader and a follower, only where the log flusher runs (RP-17)', (t) => {
  const commands = fc.sample(arbitraries.flushedThenPowerLoss, {
    seed: 17,
    numRuns: 100,
  }) as FlushedThenPowerLossCommand[];
  t.deepEqual([...new Set(commands.map((c) => c.target))].sort(), ['follower', 'leader']);
  t.deepEqual([...new Set(commands.map((c) => c.again))].sort(), [false, true]);
  const base = { 'flush.ms': 0, 'log.flush.scheduler.interval.ms': 1000, 'log.initial.task.delay.ms': 500 };
  const k = new RunKnowledge(resolveConfig(base));
  t.is(pastNextFlusherRun(k), 501, 'before the initial delay: just past the first run');
  k.timeMs = 500;
  t.is(pastNextFlusherRun(k), 1001, 'on a run: just past the next one');
  k.timeMs = 1700;
  t.is(pastNextFlusherRun(k), 801, 'between runs: just past the next one');
  k.learn({ type: 'broker-restart', broker: 1 }, 0, [], undefined);
  k.timeMs = 2400;
  t.is(pastNextFlusherRun(k), 801, 'a broker restarted at 1700 runs at 2200, then 3200: the latest next run');
  t.is(
    pastNextFlusherRun(new RunKnowledge(resolveConfig({ 'flush.ms': 0 }))),
    undefined,
    "Kafka's default: never",
  );
  const { 'flush.ms': _, ...noFlushMs } = base;
  t.is(pastNextFlusherRun(new RunKnowledge(resolveConfig(noFlushMs))), undefined, 'flush.ms never');
});

test('DescribeConfigs draws every topic choice and both admin topics (RP-27)', (t) => {
  const describes = fc.sample(arbitraries.describeConfigs, {
    seed: 17,
    numRuns: 200,
  }) as DescribeConfigsCommand[];
  t.deepEqual([...new Set(describes.map((d) => d.target))].sort(), [...DESCRIBED_TOPICS].sort());
  t.deepEqual([...new Set(describes.filter((d) => d.target === 'admin-topic').map((d) => d.topic))].sort(), [
    'admin-0',
    'admin-1',
  ]);
  t.deepEqual([...new Set(describes.map((d) => d.topic))].sort(), [
    '..',
    '__consumer_offsets',
    'admin-0',
    'admin-1',
    'never-created',
    't',
  ]);
});

test('DescribeConfigs of __consumer_offsets waits for a group request to have created it (RP-27)', (t) => {
  const k = new RunKnowledge(resolveConfig({}));
  const offsets = fc
    .sample(arbitraries.describeConfigs, { seed: 17, numRuns: 200 })
    .find((d) => (d as DescribeConfigsCommand).target === 'offsets-topic')!;
  t.false(offsets.enabled(k));
  k.learn({ type: 'offset-fetch', client: 'c0', group: 'g' }, 0, [], undefined);
  t.true(offsets.enabled(k));
  const refused = new RunKnowledge(resolveConfig({}));
  refused.learn(
    { type: 'offset-fetch', client: 'c0', group: 'g' },
    0,
    [{ type: 'unsupported', request: 0, event: 'offset-fetch', reason: 'not here' }],
    undefined,
  );
  t.false(offsets.enabled(refused), 'a refused request created nothing');
});
