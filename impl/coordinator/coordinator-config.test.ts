import test from 'ava';
import { ConfigError, validateConfig } from '../../spec/config.ts';
import { coordinatorConfigFrom, DEFAULT_COORDINATOR_CONFIG } from './coordinator-config.ts';

test('Kafka’s defaults by Kafka’s names', (t) => {
  t.like(DEFAULT_COORDINATOR_CONFIG, {
    offsetsTopicPartitions: 50,
    minSessionTimeoutMs: 6000,
    maxSessionTimeoutMs: 1800000,
    maxGroupSize: 2147483647,
    initialRebalanceDelayMs: 3000,
    offsetMetadataMaxBytes: 4096,
    offsetsRetentionMs: 10080 * 60_000,
    newMemberJoinTimeoutMs: 300_000,
    offsetsRetentionCheckIntervalMs: 600_000,
  });
});

test('settings override the defaults; bad values are rejected with the setting named', (t) => {
  const config = coordinatorConfigFrom(
    validateConfig({ 'group.max.size': '3', 'offsets.retention.minutes': 2 }),
  );
  t.is(config.maxGroupSize, 3);
  t.is(config.offsetsRetentionMs, 120_000);
  t.throws(() => validateConfig({ 'group.max.size': 0 }), {
    instanceOf: ConfigError,
    message: /group\.max\.size/,
  });
  t.throws(
    () =>
      coordinatorConfigFrom({ 'group.min.session.timeout.ms': 10000, 'group.max.session.timeout.ms': 9000 }),
    {
      message: /group\.min\.session\.timeout\.ms \(10000\) exceeds group\.max\.session\.timeout\.ms \(9000\)/,
    },
  );
});
