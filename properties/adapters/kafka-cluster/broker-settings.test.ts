import test from 'ava';
import { profileConfig } from '../../profiles.ts';
import { baseSettings, configArguments, profileSettings } from './broker-settings.ts';
import { KafkaClusterError } from './cluster-error.ts';

test("a profile's broker and topic settings map to Kafka's broker names; client settings stay out", (t) => {
  const safe = profileSettings(profileConfig('safe'));
  t.is(safe['min.insync.replicas'], '2');
  t.is(safe['unclean.leader.election.enable'], 'false');
  t.is(safe['default.replication.factor'], '3');
  t.is(safe['group.initial.rebalance.delay.ms'], '0');
  t.is(safe['replica.lag.time.max.ms'], '10000');
  for (const client of ['acks', 'retries', 'enable.auto.commit', 'session.timeout.ms', 'brokers'])
    t.false(client in safe, client);
  t.is(profileSettings(profileConfig('unclean-election'))['unclean.leader.election.enable'], 'true');
  t.is(profileSettings(profileConfig('replication-factor-1'))['default.replication.factor'], '1');
});

test('--config maps kspec names, checks their values, passes Kafka names through, refuses client settings', (t) => {
  t.deepEqual(configArguments(['replication.factor=2', 'flush.messages=1', 'log.cleaner.enable=false']), {
    'default.replication.factor': '2',
    'log.flush.interval.messages': '1',
    'log.cleaner.enable': 'false',
  });
  t.regex(
    t.throws(() => configArguments(['acks=1']), { instanceOf: KafkaClusterError }).message,
    /acks is a producer setting, not a broker's/,
  );
  t.throws(() => configArguments(['min.insync.replicas=zero']), { instanceOf: KafkaClusterError });
  t.throws(() => configArguments(['novalue']), { instanceOf: KafkaClusterError });
});

test('internal topics follow the broker count, at most 3 replicas', (t) => {
  t.is(baseSettings(1)['offsets.topic.replication.factor'], '1');
  t.is(baseSettings(5)['offsets.topic.replication.factor'], '3');
  t.is(baseSettings(2)['transaction.state.log.min.isr'], '2');
});
