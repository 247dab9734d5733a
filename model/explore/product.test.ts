import test from 'ava';
import type { ExplorableModel } from '../explorable.ts';
import { coverageUniverse } from './coverage.ts';
import { explore } from './explore.ts';
import { productModel } from './product.ts';
import { loadModel } from './registry.ts';

const counter = (name: string, limit: number, bad?: number): ExplorableModel<number, { type: 'INC' }> => {
  const inc = { type: 'INC' } as const;
  return {
    name,
    initial: () => 0,
    events: (n) => (n < limit ? [inc] : []),
    step: (n) => n + 1,
    key: (n) => String.fromCharCode(n),
    invariants:
      bad === undefined
        ? []
        : [
            {
              name: 'not-bad',
              rules: ['TOY-1'],
              check: (n) => (n === bad ? { rules: ['TOY-1'], message: `${name} reached ${bad}` } : undefined),
            },
          ],
    describeEvent: (event) => event.type,
    stateNames: (n) => [`${name}.${n % 2 === 0 ? 'even' : 'odd'}`],
  };
};

test('the product explores every interleaving of its parts: states multiply, transitions add up', (t) => {
  const result = explore(productModel('both', [counter('a', 3), counter('b', 4)]));
  t.is(result.states, 4 * 5);
  t.is(result.transitions, 3 * 5 + 4 * 4);
  t.is(result.depth, 7);
});

test('a part invariant is checked in the product and its trace names the part of each event', (t) => {
  const result = explore(productModel('both', [counter('a', 3), counter('b', 3, 2)]));
  t.is(result.violations.length, 1);
  const [violation] = result.violations;
  t.is(violation!.invariant, 'b.not-bad');
  t.deepEqual(
    violation!.trace.map((step) => step.event),
    ['[b] INC', '[b] INC'],
  );
});

test('product keys are unambiguous even when part keys contain any character', (t) => {
  const model = productModel('both', [counter('a', 60), counter('b', 60)]);
  t.not(model.key([1, 58]), model.key([58, 1]));
  t.is(explore(model).states, 61 * 61);
});

test('RP-12 the system model composes the group, commit and replication models', async (t) => {
  const { model, machines } = await loadModel('system', {
    config: { 'min.insync.replicas': 2 },
    members: 2,
    partitions: 1,
    writes: 1,
  });
  t.regex(model.name, /^system\(group.*\+replication\)$/);
  const result = explore(model, { maxDepth: 4, coverage: coverageUniverse(machines) });
  // The replication part runs the safe profile: none of its rules may break. (The group and commit
  // parts run Kafka's defaults; whatever they report is theirs.)
  t.deepEqual(
    result.violations.filter((violation) => violation.rules.some((rule) => rule.startsWith('RP-'))),
    [],
  );
  t.true(result.coverage.transitions.visited > 0);
});
