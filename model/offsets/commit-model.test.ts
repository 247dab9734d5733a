// The consumer's commit semantics through the commit model, and the explorer over it.
import test from 'ava';
import { ConfigError } from '../../spec/config.ts';
import { commitException, resetAfterOutOfRange, startPosition } from '../consumer/consumer.ts';
import { consumerSettings } from '../consumer/settings.ts';
import { explore } from '../explore/explore.ts';
import {
  type CommitModelEvent,
  type CommitModelState,
  commitModel,
  committedOffset,
  noCommittedRecordLost,
} from './commit-model.ts';

function run(
  config: Record<string, string | number | boolean>,
  events: CommitModelEvent['type'][],
): CommitModelState {
  const model = commitModel({ config, records: 5 });
  let state = model.initial();
  for (const type of events) {
    const event = model.events(state).find((candidate) => candidate.type === type);
    if (!event) throw new Error(`${type} is not enabled`);
    state = model.step(state, event);
  }
  return state;
}

test('OC-13 auto.offset.reset: earliest, latest, none, and any other value is a configuration error', (t) => {
  t.deepEqual(startPosition(-1, 'earliest', 2, 9), { position: 2 });
  t.deepEqual(startPosition(-1, 'latest', 2, 9), { position: 9 });
  t.deepEqual(startPosition(-1, 'none', 2, 9), { exception: 'NoOffsetForPartitionException' });
  t.deepEqual(startPosition(4, 'none', 2, 9), { position: 4 }, 'a committed offset wins');
  t.is(consumerSettings().autoOffsetReset, 'latest');
  t.throws(() => consumerSettings({ 'auto.offset.reset': 'smallest' }), {
    instanceOf: ConfigError,
    message: /auto.offset.reset/,
  });
  const none = run({ 'auto.offset.reset': 'none' }, ['produce', 'poll']);
  t.is(none.exception, 'NoOffsetForPartitionException');
});

test('OC-14 OFFSET_OUT_OF_RANGE resets by the same policy; none raises OffsetOutOfRangeException', (t) => {
  t.deepEqual(resetAfterOutOfRange('earliest', 3, 7), { position: 3 });
  t.deepEqual(resetAfterOutOfRange('latest', 3, 7), { position: 7 });
  t.deepEqual(resetAfterOutOfRange('none', 3, 7), { exception: 'OffsetOutOfRangeException' });
});

test('OC-15 auto commit inside poll commits the positions reached by the earlier polls, once the interval passed', (t) => {
  const config = { 'auto.offset.reset': 'earliest', 'kspec.consumer.processing': 'commit-then-process' };
  const first = run(config, ['produce', 'produce', 'poll']);
  t.is(committedOffset(first.coordinator), -1, 'the interval has not passed');
  t.deepEqual(first.consumer?.unprocessed, [0, 1]);
  const second = run(config, ['produce', 'produce', 'poll', 'advance-time', 'poll']);
  t.is(committedOffset(second.coordinator), 1, 'the position after the first poll, not the second');
  t.deepEqual(second.consumer?.unprocessed, [0, 2]);
  const manual = run({ ...config, 'enable.auto.commit': false }, ['produce', 'poll', 'poll']);
  t.is(committedOffset(manual.coordinator), -1);
});

test('OC-16 process-then-commit never loses a record; commit-then-process loses one on a crash', (t) => {
  const safe = run({ 'auto.offset.reset': 'earliest' }, [
    'produce',
    'poll',
    'process',
    'commit-sync',
    'consumer-crash',
  ]);
  t.is(noCommittedRecordLost.check(safe), undefined);
  const unsafe = run(
    { 'auto.offset.reset': 'earliest', 'kspec.consumer.processing': 'commit-then-process' },
    ['produce', 'poll', 'commit-sync', 'consumer-crash'],
  );
  t.like(noCommittedRecordLost.check(unsafe), { rules: ['OC-16', 'OC-19'] });
});

test('OC-17 commitAsync answers arrive in any order: an older position can be written last', (t) => {
  const config = { 'auto.offset.reset': 'earliest', 'enable.auto.commit': false };
  const model = commitModel({ config, records: 3 });
  let state = run(config, [
    'produce',
    'produce',
    'poll',
    'process',
    'commit-async',
    'poll',
    'process',
    'commit-async',
  ]);
  t.deepEqual(state.inFlight, [1, 2]);
  state = model.step(state, { type: 'deliver-async', position: 2 });
  state = model.step(state, { type: 'deliver-async', position: 1 });
  t.is(committedOffset(state.coordinator), 1, 'went back: re-delivery of record 1, not loss');
  t.is(noCommittedRecordLost.check(state), undefined);
});

test('OC-18 the consumer turns UNKNOWN_MEMBER_ID and ILLEGAL_GENERATION into CommitFailedException', (t) => {
  t.is(commitException('UNKNOWN_MEMBER_ID'), 'CommitFailedException');
  t.is(commitException('ILLEGAL_GENERATION'), 'CommitFailedException');
  t.is(commitException('REBALANCE_IN_PROGRESS'), 'RebalanceInProgressException');
  t.is(commitException('NONE'), null);
});

test('OC-19 a restarted consumer resumes at the committed offset: re-delivery, not loss', (t) => {
  const state = run({ 'auto.offset.reset': 'earliest', 'enable.auto.commit': false }, [
    'produce',
    'produce',
    'poll',
    'process',
    'commit-sync',
    'poll',
    'consumer-crash',
    'consumer-start',
    'poll',
  ]);
  t.deepEqual(
    state.consumer?.unprocessed,
    [1, 2],
    'record 1 again: it was returned but not processed before the crash',
  );
});

test('OC-16 OC-19 the explorer exhausts the safe settings with no loss, and finds the loss under commit-then-process', (t) => {
  const safe: Record<string, string | boolean>[] = [
    { 'auto.offset.reset': 'earliest' },
    { 'auto.offset.reset': 'earliest', 'enable.auto.commit': false },
  ];
  for (const config of safe) {
    const result = explore(commitModel({ config }));
    t.true(result.exhausted, JSON.stringify(config));
    t.deepEqual(result.violations, [], JSON.stringify(config));
  }
  const unsafe = explore(
    commitModel({
      config: {
        'auto.offset.reset': 'earliest',
        'kspec.consumer.processing': 'commit-then-process',
        'enable.auto.commit': true,
      },
    }),
  );
  t.is(unsafe.violations.length, 1);
  t.is(unsafe.violations[0]?.trace.at(-1)?.event, 'consumer-crash');
});
