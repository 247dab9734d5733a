// GC-20 with two leader picks in one step: an advance-time completes a join phase whose leader did
// not re-join (any re-joined member may lead), then expires the new leader's session (any remaining
// member may lead). The group model keeps the second pick open; adopting the reference's snapshot
// must accept the member it chose (traces/corpus/regressions/GC-20_seed3207258550.json).
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { GroupModelSystem } from '../../../model/group/group-model-system.ts';
import { validateConfig } from '../../../spec/config.ts';
import { readTrace } from '../../../traces/export.ts';
import { createReferenceSystem } from './reference-system.ts';

const TRACE = fileURLToPath(
  new URL('../../../traces/corpus/regressions/GC-20_seed3207258550.json', import.meta.url),
);

test('GC-20: a leader removed after a join completion in the same step may be replaced by any remaining member', async (t) => {
  const trace = readTrace(TRACE);
  const setup = { seed: trace.seed, config: validateConfig(trace.config) };
  const reference = createReferenceSystem({ storage: 'simulated' });
  const model = new GroupModelSystem();
  await reference.reset(setup);
  await model.reset(setup);
  try {
    for (const step of trace.steps) {
      await reference.apply(step.event, step.seq);
      await model.apply(step.event, step.seq);
      const observed = await reference.inspect!();
      t.deepEqual(model.adopt(observed), [], `step ${step.seq}: ${step.event.type}`);
    }
    const group = (await reference.inspect!()).groups.find((g) => g.group === 'g');
    t.like(group, { state: 'PreparingRebalance', generation: 3 }, 'both picks happened in the last step');
  } finally {
    await reference.close();
  }
});
