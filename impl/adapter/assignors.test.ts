import test from 'ava';
import { cooperativeStickyAssign, rangeAssign, roundRobinAssign, stickyAssign } from './assignors.ts';

const five = () => 5;
const member = (memberId: string, owned: { topic: string; partition: number }[] = []) => ({
  memberId,
  topics: ['t'],
  owned,
});
const partitionsOf = (plan: Map<string, { partition: number }[]>, id: string) =>
  plan.get(id)!.map((tp) => tp.partition);

test('range: contiguous, the first members one more (5 partitions, 2 consumers)', (t) => {
  const plan = rangeAssign([member('b'), member('a')], five);
  t.deepEqual(partitionsOf(plan, 'a'), [0, 1, 2]);
  t.deepEqual(partitionsOf(plan, 'b'), [3, 4]);
});

test('roundrobin: dealt in turn (5 partitions, 2 consumers)', (t) => {
  const plan = roundRobinAssign([member('a'), member('b')], five);
  t.deepEqual(partitionsOf(plan, 'a'), [0, 2, 4]);
  t.deepEqual(partitionsOf(plan, 'b'), [1, 3]);
});

test('sticky: balanced, keeping what members owned', (t) => {
  const plan = stickyAssign(
    [
      member(
        'a',
        [0, 1, 2, 3, 4].map((partition) => ({ topic: 't', partition })),
      ),
      member('b'),
    ],
    five,
  );
  t.is(plan.get('a')!.length, 3);
  t.is(plan.get('b')!.length, 2);
  t.true(partitionsOf(plan, 'a').every((p) => [0, 1, 2, 3, 4].includes(p)));
  const again = stickyAssign([member('a', plan.get('a')!), member('b', plan.get('b')!)], five);
  t.deepEqual(again, plan, 'a balanced plan is kept as is');
});

test('cooperative sticky: a partition changing owner is only revoked in this round', (t) => {
  const owned = [0, 1, 2, 3, 4].map((partition) => ({ topic: 't', partition }));
  const plan = cooperativeStickyAssign([member('a', owned), member('b')], five);
  t.is(plan.get('a')!.length, 3);
  t.deepEqual(partitionsOf(plan, 'b'), [], 'b gets the moved partitions in the follow-up rebalance');
  const next = cooperativeStickyAssign([member('a', plan.get('a')!), member('b')], five);
  t.is(next.get('b')!.length, 2);
});
