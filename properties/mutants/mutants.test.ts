// CI's guard on the checker's power: every mutant of the catalog, switched on in the reference
// cluster, is caught by one of the properties the catalog expects, with a shrunk trace. Runs the
// quick mode (fixed seeds, bounded shrinking) over two worker processes.
import test from 'ava';
import { MUTANT_NAMES } from '../../spec/mutants.ts';
import { MUTANTS } from './catalog.ts';
import { formatMutantTable, runMutants } from './run-all.ts';

test('the catalog names every switchable mutant once, each with a known suite', async (t) => {
  const { suiteByName } = await import('../suites/index.ts');
  t.deepEqual(
    MUTANTS.map((m) => m.name),
    [...MUTANT_NAMES],
  );
  t.true(MUTANTS.length >= 15);
  for (const mutant of MUTANTS) t.truthy(suiteByName(mutant.suite), `${mutant.name}: ${mutant.suite}`);
});

test('every mutant is caught by an expected property with a shrunk trace', async (t) => {
  t.timeout(600_000);
  const results = await runMutants(MUTANTS, 2, { maxShrinkRuns: 50 });
  t.log(`\n${formatMutantTable(results)}`);
  t.is(results.length, MUTANTS.length);
  for (const result of results) {
    t.true(result.caught, `${result.mutant} escaped (${result.crash ?? 'no violation found'})`);
    t.true(
      result.expected,
      `${result.mutant} caught by ${result.properties.join(', ')}, not an expected property`,
    );
    t.true((result.shrunkEvents ?? 0) > 0, `${result.mutant}: no shrunk trace`);
  }
});
