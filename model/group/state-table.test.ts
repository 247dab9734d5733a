// Every state pair, legal or not, against the table; and every legal move reached through requests.
import test from 'ava';
import { newGroup } from './join.ts';
import {
  allTransitionPairs,
  IllegalGroupTransition,
  LEGAL_PREVIOUS_STATES,
  transitionTo,
} from './state-table.ts';
import { type GroupDriver, kafkaDriver } from './testing/group-driver.ts';

test("GC-2 the legal moves are exactly Kafka's ClassicGroupState table", (t) => {
  t.deepEqual(LEGAL_PREVIOUS_STATES, {
    Empty: ['PreparingRebalance'],
    PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
    CompletingRebalance: ['PreparingRebalance'],
    Stable: ['CompletingRebalance'],
    Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
  });
});

for (const { from, to, legal } of allTransitionPairs()) {
  test(`GC-2 ${from} -> ${to} is ${legal ? 'legal' : 'illegal'}`, (t) => {
    const group = newGroup('g', 0);
    group.state = from;
    if (legal) {
      transitionTo(group, to, 7);
      t.like(group, { state: to, previousState: from, stateSince: 7 });
    } else {
      t.throws(() => transitionTo(group, to, 7), { instanceOf: IllegalGroupTransition });
      t.is(group.state, from);
    }
  });
}

test('GC-1 a new group is Empty with generation 0', (t) => {
  t.like(newGroup('g', 5), { state: 'Empty', generation: 0, stateSince: 5, members: [], protocolType: null });
});

function moves(run: (d: GroupDriver) => void): string[] {
  const d = kafkaDriver();
  run(d);
  return d.transitions;
}

test('GC-2 GC-16 GC-17 GC-25 every legal move happens through requests and time', (t) => {
  const seen = new Set(
    moves((d) => {
      const leader = d.joinDynamicAndCompleteRebalance('c1'); // Empty->PR->CR->Stable
      const rejoin = d.join('c1', {
        memberId: leader.memberId,
        rebalanceTimeoutMs: 10000,
        sessionTimeoutMs: 5000,
      }); // Stable->PR->CR
      d.join('c2', { version: 3, rebalanceTimeoutMs: 10000, sessionTimeoutMs: 5000 }); // CR->PR
      d.leave('c1', d.joinAnswer(rejoin)!.memberId);
      d.sleep(400_000); // c2 (new) expires: PR->Empty
      d.send({ type: 'coordinator-unload' }); // Empty->Dead
    }),
  );
  for (const move of [
    'Empty->PreparingRebalance',
    'PreparingRebalance->CompletingRebalance',
    'CompletingRebalance->Stable',
    'Stable->PreparingRebalance',
    'CompletingRebalance->PreparingRebalance',
    'PreparingRebalance->Empty',
    'Empty->Dead',
  ]) {
    t.true(seen.has(move), move);
  }
});

test('GC-32 unloading moves every state to Dead', (t) => {
  for (const setup of [
    (d: GroupDriver) =>
      d.send({
        type: 'commit',
        client: 'c1',
        group: d.group,
        memberId: '',
        generation: -1,
        offsets: [{ topic: 'foo', partition: 0, offset: 1 }],
      }),
    (d: GroupDriver) => d.join('c1', { version: 3 }),
    (d: GroupDriver) => d.joinDynamicAndCompleteJoin('c1'),
    (d: GroupDriver) => d.joinDynamicAndCompleteRebalance('c1'),
  ]) {
    const d = kafkaDriver();
    setup(d);
    const before = d.groupState().state;
    const result = d.send({ type: 'coordinator-unload' });
    t.deepEqual(d.state.groups, [], `${before}: groups leave this coordinator`);
    t.is(d.state.status, 'not-coordinator');
    if (before === 'PreparingRebalance')
      t.like(result.answers[0], { type: 'join-response', error: 'NOT_COORDINATOR' });
  }
});
