import test from 'ava';
import {
  ConfigError,
  isValidTopicConfig,
  parseConfigArguments,
  resolveConfig,
  SETTINGS,
  validateConfig,
} from './config.ts';
import { ERRORS, errorByCode, errorByName, isRetriable } from './errors.ts';

test('error table: names and codes are unique and match Kafka numbers', (t) => {
  t.is(new Set(ERRORS.map((e) => e.name)).size, ERRORS.length);
  t.is(new Set(ERRORS.map((e) => e.code)).size, ERRORS.length);
  const expected: Record<string, number> = {
    NONE: 0,
    OFFSET_OUT_OF_RANGE: 1,
    NOT_LEADER_OR_FOLLOWER: 6,
    REQUEST_TIMED_OUT: 7,
    COORDINATOR_LOAD_IN_PROGRESS: 14,
    COORDINATOR_NOT_AVAILABLE: 15,
    NOT_COORDINATOR: 16,
    NOT_ENOUGH_REPLICAS: 19,
    NOT_ENOUGH_REPLICAS_AFTER_APPEND: 20,
    INVALID_REQUIRED_ACKS: 21,
    ILLEGAL_GENERATION: 22,
    INCONSISTENT_GROUP_PROTOCOL: 23,
    INVALID_GROUP_ID: 24,
    UNKNOWN_MEMBER_ID: 25,
    INVALID_SESSION_TIMEOUT: 26,
    REBALANCE_IN_PROGRESS: 27,
    UNSUPPORTED_VERSION: 35,
    GROUP_ID_NOT_FOUND: 69,
    FENCED_LEADER_EPOCH: 74,
    UNKNOWN_LEADER_EPOCH: 75,
    MEMBER_ID_REQUIRED: 79,
    GROUP_MAX_SIZE_REACHED: 81,
  };
  for (const [name, code] of Object.entries(expected)) t.is(errorByName(name as never).code, code, name);
  t.is(errorByCode(22)?.name, 'ILLEGAL_GENERATION');
  t.is(errorByCode(12345), undefined);
});

test('error table: retriable flags follow Kafka (group errors are not retriable, coordinator moves are)', (t) => {
  t.true(isRetriable('NOT_COORDINATOR'));
  t.true(isRetriable('COORDINATOR_LOAD_IN_PROGRESS'));
  t.true(isRetriable('NOT_ENOUGH_REPLICAS'));
  t.true(isRetriable('NOT_LEADER_OR_FOLLOWER'));
  t.false(isRetriable('ILLEGAL_GENERATION'));
  t.false(isRetriable('UNKNOWN_MEMBER_ID'));
  t.false(isRetriable('REBALANCE_IN_PROGRESS'));
  t.false(isRetriable('OFFSET_OUT_OF_RANGE'));
});

test("config table: Kafka's defaults", (t) => {
  const config = resolveConfig();
  t.is(config['session.timeout.ms'], 45000);
  t.is(config['offsets.topic.num.partitions'], 50);
  t.is(config['offsets.topic.replication.factor'], 3);
  t.is(config['group.initial.rebalance.delay.ms'], 3000);
  t.is(config['min.insync.replicas'], 1);
  t.is(config['unclean.leader.election.enable'], false);
  t.is(config['auto.offset.reset'], 'latest');
  t.is(config['enable.auto.commit'], true);
  t.is(config['auto.commit.interval.ms'], 5000);
  t.is(config['acks'], 'all');
  t.is(new Set(SETTINGS.map((s) => s.name)).size, SETTINGS.length);
});

test('config: key=value parsing with types and aliases', (t) => {
  t.deepEqual(
    parseConfigArguments(['acks=-1', 'min.insync.replicas=2', 'unclean.leader.election.enable=true']),
    {
      acks: 'all',
      'min.insync.replicas': 2,
      'unclean.leader.election.enable': true,
    },
  );
});

test("config: bad names and values are rejected with Kafka's wording", (t) => {
  t.throws(() => parseConfigArguments(['min.insync.replica=2']), {
    instanceOf: ConfigError,
    message: "unknown setting 'min.insync.replica' (did you mean min.insync.replicas?)",
  });
  t.throws(() => validateConfig({ 'auto.offset.reset': 'smallest' }), {
    message:
      'Invalid value smallest for configuration auto.offset.reset: String must be one of: latest, earliest, none',
  });
  t.throws(() => validateConfig({ 'min.insync.replicas': 0 }), {
    message: 'Invalid value 0 for configuration min.insync.replicas: must be between 1 and 2147483647',
  });
  t.throws(() => validateConfig({ 'enable.auto.commit': 'yes' }), { instanceOf: ConfigError });
  t.throws(() => validateConfig({ acks: '2' }), { instanceOf: ConfigError });
  t.throws(() => parseConfigArguments(['acks']), { message: "expected key=value, got 'acks'" });
});

test('RP-23: kspec specifies elections without eligible leader replicas; asking for ELR is refused with one line', (t) => {
  t.is(resolveConfig()['eligible.leader.replicas.version'], '0');
  t.deepEqual(validateConfig({ 'eligible.leader.replicas.version': 0 }), {
    'eligible.leader.replicas.version': '0',
  });
  const error = t.throws(() => parseConfigArguments(['eligible.leader.replicas.version=1']), {
    instanceOf: ConfigError,
  });
  t.is(
    error?.message,
    'Unsupported value 1 for configuration eligible.leader.replicas.version: eligible leader replicas (KIP-966) are not modelled; kspec specifies elections without them (SPEC.md RP-23)',
  );
  t.notRegex(error?.message ?? '', /\n/);
  t.throws(() => validateConfig({ 'eligible.leader.replicas.version': 2 }), {
    message: 'Invalid value 2 for configuration eligible.leader.replicas.version: String must be one of: 0',
  });
});

test('RP-1 a CreateTopics config is valid only with topic-level settings and valid values', (t) => {
  t.true(isValidTopicConfig({}));
  t.true(isValidTopicConfig({ 'min.insync.replicas': 1 }));
  t.false(isValidTopicConfig({ 'kspec.no.such.setting': 1 }), 'a setting no topic has');
  t.false(isValidTopicConfig({ 'num.partitions': 3 }), 'a broker-wide setting');
  t.false(isValidTopicConfig({ 'min.insync.replicas': 0 }), 'a value out of range');
});
