// Deep random walks through the group model (beyond what exhaustive search reaches in a test's time):
// every state on the way satisfies every invariant. Fixed seed, so CI runs the same walks.
import test from 'ava';
import fc from 'fast-check';
import { groupModel } from './explore-model.ts';

for (const [members, coordinatorMoves] of [
  [2, false],
  [3, true],
] as const) {
  test(`GC-19 GC-35 GC-36 OC-12 random walks of 80 steps, ${members} members${coordinatorMoves ? ', coordinator moves' : ''}: no invariant breaks`, (t) => {
    const model = groupModel({
      members,
      partitions: 3,
      coordinatorMoves,
      config: { 'session.timeout.ms': 6000, 'max.poll.interval.ms': 6000 },
      newMemberJoinTimeoutMs: 6000,
    });
    let steps = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 80, maxLength: 80 }), (choices) => {
        let state = model.initial();
        const trace: string[] = [];
        for (const choice of choices) {
          const events = model.events(state);
          const event = events[choice % events.length]!;
          trace.push(model.describeEvent(event));
          state = model.step(state, event);
          steps += 1;
          for (const invariant of model.invariants) {
            const violation = invariant.check(state);
            if (violation) throw new Error(`${violation.message}\n  after: ${trace.join(' ; ')}`);
          }
        }
      }),
      { seed: 20261122 + members, numRuns: 60 },
    );
    t.is(steps, 60 * 80);
  });
}
