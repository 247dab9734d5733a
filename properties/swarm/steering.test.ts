import test from 'ava';
import { Steering } from './steering.ts';

const CATALOG = [
  'join-response NONE in Empty',
  'join-response GROUP_MAX_SIZE_REACHED in Stable',
  'heartbeat-response NONE in Stable',
  'leave-response NONE in Stable',
];
const BASE = { join: 2, heartbeat: 3, leave: 1 };

test('steering draws kinds whose answers still have unreached outcomes more often, and turns up their knobs', (t) => {
  const steering = new Steering(BASE, undefined, CATALOG);
  t.is(steering.weight('join'), 2, 'the suite weights before any run');
  steering.update(new Set(['join-response NONE in Empty', 'heartbeat-response NONE in Stable']));
  t.is(steering.weight('join'), 4, 'one join outcome open: twice its weight');
  t.is(steering.weight('heartbeat'), 3, 'all heartbeat outcomes reached: its suite weight');
  t.is(steering.weight('leave'), 2);
  t.true(steering.boost('group-max-size'));
  t.false(steering.boost('metadata'));
  steering.update(new Set(CATALOG));
  t.deepEqual([steering.weight('join'), steering.weight('heartbeat'), steering.weight('leave')], [2, 3, 1]);
  t.false(steering.boost('group-max-size'));
});

test('steering picks in proportion to the weights, deterministically', (t) => {
  const steering = new Steering(BASE, undefined, CATALOG);
  const picks = Array.from({ length: 6 }, (_, roll) => steering.pick(roll));
  t.deepEqual(picks, ['join', 'join', 'heartbeat', 'heartbeat', 'heartbeat', 'leave']);
});

test('a printed steering replays as it was and no longer moves', (t) => {
  const steering = new Steering(BASE, undefined, CATALOG);
  steering.update(new Set(['join-response NONE in Empty']));
  const printed = steering.encode();
  const replay = new Steering(BASE, printed, CATALOG);
  t.is(replay.encode(), printed);
  replay.update(new Set(CATALOG));
  t.is(replay.encode(), printed);
  t.throws(() => new Steering(BASE, 'produce=3;', CATALOG), { message: /produce=3/ });
});
