// kspec replay and kspec render through the CLI entry (in process): output, files and exit codes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { main } from '../cli/main.ts';
import { traceText } from './export.ts';
import { renderMermaid } from './render/mermaid.ts';
import { sampleTrace } from './testing/sample-trace.ts';

const directory = mkdtempSync(join(tmpdir(), 'kspec-cli-'));
const sample = join(directory, 'OC-2_seed42.json');
writeFileSync(sample, traceText(sampleTrace()));
const RECORDED = 'module:traces/testing/recorded-system.ts';

test.after.always(() => rmSync(directory, { recursive: true, force: true }));

/** Runs the CLI with stdout and stderr captured; restores process.exitCode (ava's own exit code). */
async function kspec(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'kspec', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    process.exitCode = undefined;
  }
}

test.serial('render --format mermaid prints the diagram; -o writes the file', async (t) => {
  const printed = await kspec('render', sample, '--format', 'mermaid');
  t.is(printed.code, 0);
  t.is(printed.stdout, renderMermaid(sampleTrace()));
  const out = join(directory, 'page.html');
  const written = await kspec('render', sample, '--format', 'html', '-o', out);
  t.is(written.code, 0);
  t.true(readFileSync(out, 'utf8').includes('id="violating-step"'));
  t.is(written.stdout, '');
});

test.serial('render: unknown format, invalid trace and missing file exit 2 with the reason', async (t) => {
  t.is((await kspec('render', sample, '--format', 'svg')).code, 2);
  const bad = join(directory, 'bad.json');
  writeFileSync(bad, JSON.stringify({ ...sampleTrace(), version: 7 }));
  const invalid = await kspec('render', bad);
  t.is(invalid.code, 2);
  t.regex(
    invalid.stderr,
    /bad\.json: not a valid kspec trace:\n {2}trace\.version: unknown trace format version 7/,
  );
  const missing = await kspec('render', join(directory, 'nope.json'));
  t.is(missing.code, 2);
  t.regex(missing.stderr, /nope\.json: cannot read \(ENOENT\)/);
});

test.serial(
  'replay: a reproduced counterexample exits 1; one that now answers like the model exits 0',
  async (t) => {
    process.env.KSPEC_RECORDED_TRACE = sample;
    try {
      const again = await kspec('replay', sample, '--adapter', RECORDED);
      t.is(again.code, 1);
      t.regex(again.stdout, /with kspec checkers/);
      t.regex(again.stdout, /^REPRODUCED: step 10: [A-Z]{2}-\d+.*: no-stale-generation-commit/m);
      const answersOnly = await kspec('replay', sample, '--adapter', RECORDED, '--no-checkers');
      t.is(answersOnly.code, 1);
      t.regex(answersOnly.stdout, /^REPRODUCED: the system gave the recorded answers through step 9/m);
      process.env.KSPEC_RECORDED_USE_MODEL = '1';
      const fixed = await kspec('replay', sample, '--adapter', RECORDED, '--json');
      t.is(fixed.code, 0);
      const [report] = JSON.parse(fixed.stdout) as {
        verdict: string;
        firstDivergence: { seq: number };
        divergentSteps: { seq: number }[];
      }[];
      t.is(report!.verdict, 'conforms');
      t.is(report!.firstDivergence.seq, 9, 'the answers still differ from the recorded failure at step 9');
      t.deepEqual(
        report!.divergentSteps.map((step) => step.seq),
        [9],
      );
      const fixedAnswersOnly = await kspec(
        'replay',
        sample,
        '--adapter',
        RECORDED,
        '--json',
        '--no-checkers',
      );
      t.is(fixedAnswersOnly.code, 0);
      t.is((JSON.parse(fixedAnswersOnly.stdout) as { verdict: string }[])[0]!.verdict, 'not-reproduced');
    } finally {
      delete process.env.KSPEC_RECORDED_TRACE;
      delete process.env.KSPEC_RECORDED_USE_MODEL;
    }
  },
);

test.serial('replay --record writes the trace again with the answers this replay got', async (t) => {
  process.env.KSPEC_RECORDED_TRACE = sample;
  process.env.KSPEC_RECORDED_USE_MODEL = '1';
  try {
    const out = join(directory, 'recorded');
    const result = await kspec('replay', sample, '--adapter', RECORDED, '--no-checkers', '--record', out);
    t.is(result.code, 0);
    const recorded = JSON.parse(readFileSync(join(out, 'OC-2_seed42.json'), 'utf8'));
    t.is(recorded.adapter, RECORDED);
    t.deepEqual(recorded.steps[9].observations, sampleTrace().steps[9]!.modelObservations);
    t.deepEqual(recorded.steps[8].observations, sampleTrace().steps[8]!.observations);
  } finally {
    delete process.env.KSPEC_RECORDED_TRACE;
    delete process.env.KSPEC_RECORDED_USE_MODEL;
  }
});

test.serial('replay: bad input exits 2 naming the problem, before any system is started', async (t) => {
  const bad = join(directory, 'typo.json');
  const trace = JSON.parse(traceText(sampleTrace()));
  trace.steps[2].event.generaton = 1;
  writeFileSync(bad, JSON.stringify(trace));
  const result = await kspec('replay', sample, bad, '--adapter', 'nonexistent');
  t.is(result.code, 2);
  t.regex(
    result.stderr,
    /typo\.json: not a valid kspec trace:\n {2}trace\.steps\[2\]\.event: unknown field 'generaton'/,
  );
  const unknown = await kspec('replay', sample, '--adapter', 'nonexistent');
  t.is(unknown.code, 2);
  t.regex(unknown.stderr, /nonexistent/);
});
