import test from 'ava';
import { initialTransition, transition } from 'xstate';
import { coordinatorConfig } from './config.ts';
import { groupMachine } from './machine.ts';
import { KAFKA_TEST_CONTEXT } from './testing/group-driver.ts';

const config = { ...coordinatorConfig(), ...KAFKA_TEST_CONTEXT };
const join = (request: number, memberId = '') => ({
  type: 'join' as const,
  request,
  client: 'c1',
  group: 'g',
  memberId,
  protocols: [{ name: 'range', topics: ['foo'] }],
  sessionTimeoutMs: 5000,
  rebalanceTimeoutMs: 10000,
});

test('GC-1 GC-2 the XState machine follows the group through a rebalance with pure transitions', (t) => {
  let [snapshot] = initialTransition(groupMachine, { group: 'g', config });
  t.is(snapshot.value, 'Dead', 'no group yet: DescribeGroups would say Dead');
  [snapshot] = transition(groupMachine, snapshot, join(0));
  t.is(snapshot.context.answers[0]?.type, 'join-response');
  t.is(snapshot.value, 'Empty', 'MEMBER_ID_REQUIRED leaves the new group Empty');
  const memberId = (snapshot.context.answers[0] as { memberId: string }).memberId;
  [snapshot] = transition(groupMachine, snapshot, join(1, memberId));
  t.is(snapshot.value, 'PreparingRebalance');
  [snapshot] = transition(groupMachine, snapshot, { type: 'advance-time', ms: 3000 });
  t.is(snapshot.value, 'CompletingRebalance');
  t.deepEqual(snapshot.context.transitions, [
    { group: 'g', from: 'PreparingRebalance', to: 'CompletingRebalance' },
  ]);
  [snapshot] = transition(groupMachine, snapshot, {
    type: 'sync',
    request: 2,
    client: 'c1',
    group: 'g',
    memberId,
    generation: 1,
    assignments: [],
  });
  t.is(snapshot.value, 'Stable');
  [snapshot] = transition(groupMachine, snapshot, { type: 'coordinator-unload' });
  t.is(snapshot.value, 'Dead');
  t.is(snapshot.context.coordinator.status, 'not-coordinator');
});

test('GC-20 the machine adopts an allowed leader choice and refuses one Kafka cannot make', (t) => {
  let [snapshot] = initialTransition(groupMachine, { group: 'g', config });
  let request = 0;
  const joinAs = (client: string, memberId = '') => ({
    ...join(request++, memberId),
    client,
    version: 3,
    rebalanceTimeoutMs: 1000,
  });
  for (const client of ['c1', 'c2', 'c3']) [snapshot] = transition(groupMachine, snapshot, joinAs(client));
  [snapshot] = transition(groupMachine, snapshot, { type: 'advance-time', ms: 3000 });
  t.is(snapshot.context.coordinator.groups[0]?.leader, 'c1-1', 'the first member added leads');
  [snapshot] = transition(groupMachine, snapshot, {
    type: 'sync',
    request: request++,
    client: 'c1',
    group: 'g',
    memberId: 'c1-1',
    generation: 1,
    assignments: [],
  });
  const changed = { ...joinAs('c2', 'c2-1'), protocols: [{ name: 'range', topics: ['foo', 'bar'] }] };
  [snapshot] = transition(groupMachine, snapshot, changed);
  [snapshot] = transition(groupMachine, snapshot, joinAs('c3', 'c3-1'));
  t.is(snapshot.value, 'PreparingRebalance');
  const timeout = { type: 'advance-time' as const, ms: 1000 };
  const refused = () => {
    const [next] = transition(groupMachine, snapshot, { ...timeout, choice: { leader: 'c1-1' } });
    return next.status;
  };
  t.throws(refused, { message: /not one of the allowed/ });
  const [chosen] = transition(groupMachine, snapshot, { ...timeout, choice: { leader: 'c3-1' } });
  t.deepEqual(chosen.context.allowed.leaders, ['c2-1', 'c3-1']);
  t.is(chosen.context.coordinator.groups[0]?.leader, 'c3-1');
  t.is(chosen.value, 'CompletingRebalance');
});
