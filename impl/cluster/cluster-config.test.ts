import test from 'ava';
import { ConfigError } from '../../spec/config.ts';
import { clusterConfigFrom, topicConfigFrom } from './cluster-config.ts';

test("settings are read by Kafka's names with Kafka's defaults", (t) => {
  const config = clusterConfigFrom({});
  t.like(config, {
    brokers: 3,
    minInsyncReplicas: 1,
    uncleanLeaderElection: false,
    replicaLagTimeMaxMs: 30_000,
    offsetsTopicPartitions: 50,
    offsetsTopicReplicationFactor: 3,
  });
  t.like(clusterConfigFrom({ 'min.insync.replicas': '2', 'unclean.leader.election.enable': 'true' }), {
    minInsyncReplicas: 2,
    uncleanLeaderElection: true,
  });
});

test('bad values and impossible combinations are refused with messages naming the setting', (t) => {
  t.throws(() => clusterConfigFrom({ 'min.insync.replicas': 0 }), {
    instanceOf: ConfigError,
    message: /min\.insync\.replicas.*between 1/,
  });
  t.throws(() => clusterConfigFrom({ 'unclean.leader.election.enable': 'yes' }), {
    message: /unclean\.leader\.election\.enable/,
  });
  t.throws(() => clusterConfigFrom({ 'min.insync.replica': 2 }), {
    message: /unknown setting 'min\.insync\.replica'.*did you mean/,
  });
  t.throws(() => clusterConfigFrom({ brokers: 2, 'replication.factor': 3 }), {
    message: /replication\.factor.*larger than brokers/,
  });
});

test('topic configs: topic-level names only, validated, as INVALID_CONFIG values', (t) => {
  const cluster = clusterConfigFrom({ 'min.insync.replicas': 2 });
  t.like(topicConfigFrom(cluster, { 'min.insync.replicas': 1, 'segment.bytes': 1024 }), {
    minInsyncReplicas: 1,
    logConfig: { 'segment.bytes': 1024 },
  });
  t.like(topicConfigFrom(cluster, { acks: 'all' }), {
    error: 'INVALID_CONFIG',
    message: 'Unknown topic config name: acks',
  });
  t.like(topicConfigFrom(cluster, { 'retention.ms': 'forever' }), { error: 'INVALID_CONFIG' });
});
