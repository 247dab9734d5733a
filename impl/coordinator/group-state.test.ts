import test from 'ava';
import { GROUP_STATE_NAMES, isLegalTransition, newGroup, transitionTo } from './group-state.ts';

const legal = new Set([
  'PreparingRebalance>Empty',
  'Stable>PreparingRebalance',
  'CompletingRebalance>PreparingRebalance',
  'Empty>PreparingRebalance',
  'PreparingRebalance>CompletingRebalance',
  'CompletingRebalance>Stable',
  ...GROUP_STATE_NAMES.map((from) => `${from}>Dead`),
]);

test('the transition table is exactly Kafka’s', (t) => {
  for (const from of GROUP_STATE_NAMES)
    for (const to of GROUP_STATE_NAMES)
      t.is(isLegalTransition(from, to), legal.has(`${from}>${to}`), `${from} -> ${to}`);
});

test('transitionTo records the previous state and time, and throws on an illegal move', (t) => {
  const group = newGroup('g', 0);
  transitionTo(group, 'PreparingRebalance', 10);
  t.is(group.previousState, 'Empty');
  t.is(group.stateTimestampMs, 10);
  t.throws(() => transitionTo(group, 'Stable', 11), {
    message: /illegal transition PreparingRebalance -> Stable/,
  });
});
