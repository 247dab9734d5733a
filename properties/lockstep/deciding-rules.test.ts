// A lockstep mismatch names the rule that decides the differing field, not the answer type's list.
import test from 'ava';
import { rulesForMismatch } from './answer-rules.ts';

const join = (fields: Record<string, unknown>) =>
  JSON.stringify({
    type: 'join-response',
    request: 1,
    client: 'c0',
    group: 'g',
    error: 'NONE',
    generation: 1,
    protocol: 'range',
    leader: 'c0',
    members: [],
    ...fields,
  });

test('an INVALID_SESSION_TIMEOUT the system did not give is GC-5 alone', (t) => {
  t.deepEqual(
    rulesForMismatch([join({ error: 'INVALID_SESSION_TIMEOUT', generation: -1 }), join({ generation: -1 })]),
    ['GC-5'],
  );
});

test('the same error with another generation is GC-22; another protocol GC-21', (t) => {
  t.deepEqual(rulesForMismatch([join({}), join({ generation: 2 })]), ['GC-22']);
  t.deepEqual(rulesForMismatch([join({}), join({ protocol: 'roundrobin' })]), ['GC-21']);
});

test('an answer on one side only without an error, or an error no rule here names, keeps the whole list', (t) => {
  t.is(rulesForMismatch([join({})]).length, 11);
  t.is(rulesForMismatch([join({}), join({ error: 'COORDINATOR_LOAD_IN_PROGRESS' })]).length, 11);
});

test('a NOT_COORDINATOR only one side gave is GC-32 (a resigning coordinator answers what is parked)', (t) => {
  t.deepEqual(rulesForMismatch([join({ error: 'NOT_COORDINATOR', generation: -1 })]), ['GC-32']);
  t.deepEqual(rulesForMismatch([join({}), join({ error: 'NOT_COORDINATOR' })]), ['GC-32']);
});

test('commit partitions: REBALANCE_IN_PROGRESS is OC-6', (t) => {
  const commit = (error: string) =>
    JSON.stringify({
      type: 'commit-response',
      request: 3,
      client: 'c1',
      group: 'g',
      source: 'request',
      generation: 1,
      partitions: [{ topic: 't', partition: 0, offset: 5, error }],
    });
  t.deepEqual(rulesForMismatch([commit('NONE'), commit('REBALANCE_IN_PROGRESS')]), ['OC-6']);
});
