import test from 'ava';
import type { ExplorableModel } from '../explorable.ts';
import { explore } from './explore.ts';

// A grid walker: (x, y) in [0, size)^2, moves right or up; "x + y = target" is a violation.
// Symmetry: (x, y) and (y, x) are the same state when `symmetric` is set.
function grid(
  size: number,
  options: { forbidden?: number; symmetric?: boolean } = {},
): ExplorableModel<[number, number], 'right' | 'up'> {
  return {
    name: 'grid',
    initial: () => [0, 0],
    events: ([x, y]) => [
      ...(x + 1 < size ? (['right'] as const) : []),
      ...(y + 1 < size ? (['up'] as const) : []),
    ],
    step: ([x, y], event) => (event === 'right' ? [x + 1, y] : [x, y + 1]),
    key: ([x, y]) => (options.symmetric ? `${Math.min(x, y)},${Math.max(x, y)}` : `${x},${y}`),
    invariants:
      options.forbidden === undefined
        ? []
        : [
            {
              name: 'sum',
              rules: ['TOY-1'],
              check: ([x, y]) =>
                x + y === options.forbidden ? { rules: ['TOY-1'], message: `at ${x},${y}` } : undefined,
            },
          ],
    describeEvent: (event) => event,
    stateNames: ([x]) => [x === 0 ? 'grid.edge' : 'grid.inside'],
  };
}

test('the explorer visits every reachable state once, counts every transition and reports the depth', (t) => {
  const result = explore(grid(4));
  t.is(result.states, 16);
  t.is(result.transitions, 2 * 4 * 3);
  t.is(result.depth, 6);
  t.true(result.exhausted);
  t.is(result.stoppedBy, null);
  t.deepEqual(result.violations, []);
});

test('symmetry reduction: states equal under the model key are visited once', (t) => {
  t.is(explore(grid(4, { symmetric: true })).states, 10);
});

test('bounds: depth and state limits stop the search and say so', (t) => {
  const shallow = explore(grid(10), { maxDepth: 2 });
  t.is(shallow.states, 6);
  t.is(shallow.stoppedBy, 'depth');
  t.false(shallow.exhausted);
  const few = explore(grid(10), { maxStates: 7 });
  t.is(few.states, 7);
  t.is(few.stoppedBy, 'states');
});

test('a violation comes with a shortest trace of described events and the rule ids', (t) => {
  const result = explore(grid(5, { forbidden: 3 }));
  t.is(result.violations.length, 1);
  const [violation] = result.violations;
  t.deepEqual(violation!.rules, ['TOY-1']);
  t.is(violation!.trace.length, 3);
  t.is(violation!.depth, 3);
  t.deepEqual(
    violation!.trace.map((step) => step.event),
    ['right', 'right', 'right'],
  );
  t.is(violation!.trace.at(-1)!.state, '3,0');
});

test('coverage counts visited machine states and transitions against a declared universe', (t) => {
  const result = explore(grid(3), {
    coverage: {
      states: ['grid.edge', 'grid.inside', 'grid.never'],
      transitions: [
        'grid.edge --up--> grid.edge',
        'grid.edge --right--> grid.inside',
        'grid.inside --left--> grid.edge',
      ],
    },
  });
  t.deepEqual(result.coverage.states, { visited: 2, total: 3, missing: ['grid.never'] });
  t.deepEqual(result.coverage.transitions, {
    visited: 2,
    total: 3,
    missing: ['grid.inside --left--> grid.edge'],
  });
});

test('an injected clock makes the timing figures reproducible', (t) => {
  let now = 0;
  const result = explore(grid(3), { clock: () => (now += 500) });
  t.is(result.seconds, 0.5);
  t.is(result.statesPerSecond, 18);
});
