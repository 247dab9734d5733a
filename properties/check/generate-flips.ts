// Regenerates traces/corpus/flips/<flip>/: for each unsafe flip of the no-loss matrix (properties/profiles.ts)
// runs its suite against the reference cluster with a fixed seed and writes the shrunk
// counterexample, with a note naming the flip. Run after a change to the checker or the reference:
//   node --import=tsx properties/check/generate-flips.ts [--seed N] [--runs N] [--only NAME]
// A flip that finds nothing is reported and writes no file (the corpus test then lacks it): try
// other seeds, or take a trace `kspec check --matrix` wrote to traces/found/ (prefix its note with
// `no-loss flip <setting>=<value>`).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeTrace } from '../../traces/export.ts';
import { resolveAdapter } from '../adapters/resolve.ts';
import { FLIPS } from '../profiles.ts';
import { CONSUMER_MATRIX_SUITE, PRODUCER_MATRIX_SUITE } from '../suites/matrix-suite.ts';
import { counterexampleTrace } from './counterexample-trace.ts';
import { runSuite } from './run-suite.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '200' },
    only: { type: 'string' },
  },
});
const directory = fileURLToPath(new URL('../../traces/corpus/flips/', import.meta.url));
const system = await resolveAdapter('reference');

for (const flip of FLIPS) {
  if (values.only && flip.name !== values.only) continue;
  const suite = flip.side === 'consumer' ? CONSUMER_MATRIX_SUITE : PRODUCER_MATRIX_SUITE;
  const started = performance.now();
  const outcome = await runSuite({
    suite,
    profile: flip.name,
    seed: Number(values.seed),
    numRuns: Number(values.runs),
    system,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const trace = counterexampleTrace(outcome);
  if (!trace) {
    process.stdout.write(
      `${flip.name}: nothing caught in ${outcome.runsDone} runs (${seconds} s)${outcome.crash ? `; crash: ${outcome.crash.split('\n')[0]}` : ''}\n`,
    );
    continue;
  }
  trace.note = `no-loss flip ${flip.setting}=${flip.unsafeValue} (${flip.scenario}): ${trace.note}`.slice(
    0,
    500,
  );
  process.stdout.write(
    `${flip.name}: ${writeTrace(join(directory, flip.name), trace)} (${trace.steps.length} steps, ${seconds} s)\n`,
  );
}
