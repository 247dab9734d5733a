// Each adapter kind in front of the reference cluster gives a conforming report through
// `validate`: module: (a module re-exporting the reference system), stdio: (`kspec serve-stdio`
// as a child process) and kafka: (the wire adapter against `kspec broker` with its control port).
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { startKspecBroker } from '../../test/interop/kspec-broker-process.ts';
import { type ConformanceReport, validate } from './conformance.ts';
import { formatMarkdown, formatText } from './format.ts';

const KSPEC = fileURLToPath(new URL('../../bin/kspec.js', import.meta.url));
const MODULE = fileURLToPath(new URL('./fixtures/reference-module.ts', import.meta.url));

function assertConforms(t: import('ava').ExecutionContext, report: ConformanceReport): void {
  t.true(report.ok, formatText(report));
  t.true(report.suites.every((s) => s.outcome === 'held' && s.runs > 0));
  t.true(report.rules.some((r) => r.status === 'conforms'));
  t.false(report.rules.some((r) => r.status === 'violates'));
}

test('module: the reference cluster behind a module adapter conforms', async (t) => {
  const report = await validate({
    adapter: `module:${MODULE}`,
    suites: ['group', 'replication'],
    seed: 3,
    runs: 3,
  });
  assertConforms(t, report);
  t.deepEqual(report.unsupportedEvents, []);
  t.regex(formatMarkdown(report), /\| OC-\d+ \| conforms \|/);
});

test('stdio: the reference cluster served by kspec serve-stdio conforms', async (t) => {
  const report = await validate({
    adapter: `stdio:${process.execPath} ${KSPEC} serve-stdio`,
    suites: ['group', 'commit'],
    seed: 4,
    runs: 3,
  });
  assertConforms(t, report);
  t.regex(report.system, /reference cluster/);
});

test('kafka: kspec broker over the wire (faults via its control port) conforms', async (t) => {
  t.timeout(240_000);
  const broker = await startKspecBroker({ brokers: 3 });
  const before = process.env.KSPEC_CONTROL;
  process.env.KSPEC_CONTROL = broker.control;
  try {
    const report = await validate({
      adapter: `kafka:${broker.bootstrap.join(',')}`,
      suites: ['group', 'replication'],
      seed: 5,
      runs: 2,
      maxShrinkRuns: 20,
    });
    assertConforms(t, report);
    t.false(report.deterministic);
    // The control port covers crashes and restarts; flush has no wire request.
    t.deepEqual(report.unsupportedEvents, ['flush']);
  } finally {
    if (before === undefined) delete process.env.KSPEC_CONTROL;
    else process.env.KSPEC_CONTROL = before;
    await broker.stop();
  }
});
