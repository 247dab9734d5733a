// RP-27 in the model alone: a topic's configs from its own, the run's and Kafka's defaults; the
// refusals; __consumer_offsets only once a FindCoordinator created it.
import test from 'ava';
import { validateConfig } from '../../spec/config.ts';
import { DESCRIBED_CONFIG_NAMES } from '../../spec/described-configs.ts';
import { describeTopicConfigs, TopicConfigs } from './describe-configs.ts';

const BROKER = validateConfig({ 'segment.ms': 1000, 'unclean.leader.election.enable': true });
const line = (answer: ReturnType<typeof describeTopicConfigs>, name: string) =>
  answer.configs
    .filter((c) => c.name === name)
    .map((c) => `${c.value} ${c.source}`)
    .join(' | ');

test('RP-27: own, then broker-wide, then Kafka default, every described config once by name', (t) => {
  const answer = describeTopicConfigs('t', validateConfig({ 'retention.ms': 60000 }), BROKER);
  t.is(answer.error, 'NONE');
  t.deepEqual(
    answer.configs.map((c) => c.name),
    [...DESCRIBED_CONFIG_NAMES],
  );
  t.is(line(answer, 'retention.ms'), '60000 topic');
  t.is(line(answer, 'segment.ms'), '1000 broker');
  t.is(line(answer, 'unclean.leader.election.enable'), 'true broker');
  t.is(line(answer, 'segment.bytes'), '1073741824 default');
  t.is(line(answer, 'flush.ms'), '9223372036854775807 default');
  t.is(line(answer, 'cleanup.policy'), 'delete default');
});

test('RP-27: "." and ".." are INVALID_TOPIC_EXCEPTION, a topic the cluster lacks UNKNOWN_TOPIC_OR_PARTITION', (t) => {
  for (const name of ['.', '..'])
    t.deepEqual(describeTopicConfigs(name, {}, BROKER), { error: 'INVALID_TOPIC_EXCEPTION', configs: [] });
  t.deepEqual(describeTopicConfigs('t', undefined, BROKER), {
    error: 'UNKNOWN_TOPIC_OR_PARTITION',
    configs: [],
  });
});

test('RP-27: __consumer_offsets exists once a FindCoordinator created it, compacted with 100 MiB segments', (t) => {
  const topics = new TopicConfigs();
  t.is(topics.describe('__consumer_offsets', BROKER, false).error, 'UNKNOWN_TOPIC_OR_PARTITION');
  const offsets = topics.describe('__consumer_offsets', BROKER, true);
  t.is(line(offsets, 'cleanup.policy'), 'compact topic');
  t.is(line(offsets, 'segment.bytes'), '104857600 topic');
  t.is(line(offsets, 'segment.ms'), '1000 broker');
  topics.created('admin-0', validateConfig({ 'min.insync.replicas': 2 }));
  t.is(line(topics.describe('admin-0', BROKER, true), 'min.insync.replicas'), '2 topic');
  topics.clear();
  t.is(topics.describe('admin-0', BROKER, true).error, 'UNKNOWN_TOPIC_OR_PARTITION');
});
