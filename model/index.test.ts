import test from 'ava';
import * as root from '../index.ts';

test('AS-8 AS-2 the package root exports the assignors, the __consumer_offsets placement and the explorer', (t) => {
  t.is(root.offsetsPartitionFor('polygenelubricants', 50), 0);
  t.is(root.javaStringHashCode('a'), 97);
  const plan = root.assign('range', {
    topics: { t: 5 },
    members: [
      { memberId: 'c1', topics: ['t'] },
      { memberId: 'c2', topics: ['t'] },
    ],
  });
  t.is(plan.c1!.length, 3);
  t.is(typeof root.explore, 'function');
  t.is(typeof root.replicationModel, 'function');
  t.true(root.MODEL_NAMES.includes('replication'));
});
