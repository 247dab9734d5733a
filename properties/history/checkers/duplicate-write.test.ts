// IP-8: duplicate-write finds one value written at two offsets (by two acknowledgements, or by
// reads), and the no-loss matrix's idempotence-off row is caught by it against the reference
// cluster while the same search with enable.idempotence=true finds none.
import test from 'ava';
import { createReferenceSystem } from '../../adapters/reference/index.ts';
import { runSuite } from '../../check/run-suite.ts';
import { PRODUCER_MATRIX_SUITE } from '../../suites/matrix-suite.ts';
import { HistoryBuilder } from '../../testing/history-builder.ts';
import { checkHistory } from '../check-history.ts';
import { duplicateWrite } from './duplicate-write.ts';

test('IP-8 a value acknowledged at two offsets, or read at two, is a duplicate-write violation', (t) => {
  const acked = new HistoryBuilder();
  acked.produce('p0', ['a'], 0, 'NETWORK_EXCEPTION');
  acked.produce('p0', ['a'], 1);
  acked.produce('p0', ['a'], 2);
  const found = checkHistory(acked.build(), [duplicateWrite]).findings;
  t.deepEqual(
    found.map((f) => [f.property, f.severity, f.rules]),
    [['duplicate-write', 'violation', ['IP-2', 'IP-8']]],
  );
  t.regex(found[0]!.message, /a written at t-0@1 and t-0@2 \(3 send attempt/);

  const read = new HistoryBuilder();
  read.produce('p0', ['b'], 0, 'NETWORK_EXCEPTION');
  read.produce('p0', ['b'], 1);
  read.final().fetch('reader', 0, ['b', 'b']);
  t.is(checkHistory(read.build(), [duplicateWrite]).findings.length, 1);

  const once = new HistoryBuilder();
  once.produce('p0', ['c'], 0, 'NETWORK_EXCEPTION');
  once.produce('p0', ['c'], 0); // an idempotent retry answered with the first offsets (IP-2)
  once.final().fetch('reader', 0, ['c']);
  t.deepEqual(checkHistory(once.build(), [duplicateWrite]).findings, []);
});

const system = { name: 'reference', create: async () => createReferenceSystem({ storage: 'simulated' }) };

test('IP-8 the idempotence-off matrix row is caught by duplicate-write; with idempotence on the search finds no duplicate', async (t) => {
  t.timeout(300_000);
  const off = await runSuite({
    suite: PRODUCER_MATRIX_SUITE,
    profile: 'idempotence-off',
    seed: 1,
    numRuns: 200,
    system,
  });
  t.true(off.failed);
  t.true((off.findings ?? []).some((f) => f.property === 'duplicate-write'));
  const on = await runSuite({
    suite: PRODUCER_MATRIX_SUITE,
    profile: 'safe',
    seed: 1,
    numRuns: off.runsDone,
    system,
  });
  t.false(
    (on.findings ?? []).some((f) => f.property === 'duplicate-write'),
    JSON.stringify(on.findings?.[0]),
  );
});
