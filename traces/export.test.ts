import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import fc from 'fast-check';
import { isTrace, type Trace } from '../spec/trace.ts';
import { parseTrace, readTrace, TraceError, traceFileName, traceText, writeTrace } from './export.ts';
import { sampleTrace } from './testing/sample-trace.ts';
import { traceArbitrary } from './testing/trace-arbitrary.ts';

const SEED = 20261122;
const temporaryDirectory = () => mkdtempSync(join(tmpdir(), 'kspec-trace-'));

/** The sample, changed by `edit`, as file text: for error cases. */
// biome-ignore lint/suspicious/noExplicitAny: error cases reach into the JSON freely
const edited = (edit: (trace: Record<string, any>) => void): string => {
  const trace = JSON.parse(JSON.stringify(sampleTrace()));
  edit(trace);
  return JSON.stringify(trace);
};
const issuesOf = (text: string): string[] => {
  try {
    parseTrace(text, 'x.json');
  } catch (error) {
    if (error instanceof TraceError) return [...error.issues];
    throw error;
  }
  return [];
};

test('the sample counterexample is a valid trace', (t) => {
  t.deepEqual(issuesOf(JSON.stringify(sampleTrace())), []);
  t.true(isTrace(sampleTrace()));
});

test('writeTrace names the file by rule and seed and readTrace returns the same trace', (t) => {
  const directory = temporaryDirectory();
  try {
    const path = writeTrace(join(directory, 'found'), sampleTrace());
    t.is(path, join(directory, 'found', 'OC-2_seed42.json'));
    t.deepEqual(readTrace(path), sampleTrace());
    t.is(readFileSync(path, 'utf8'), traceText(sampleTrace()));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a named scenario is written as <name>.json; several rules are joined by +', (t) => {
  const scenario = { ...sampleTrace(), kind: 'scenario', name: 'two-consumers-range' } as Trace;
  delete scenario.violation;
  t.is(traceFileName(scenario), 'two-consumers-range.json');
  const both = sampleTrace();
  both.violation = { rules: ['OC-2', 'GC-7'], message: 'm', step: 1 };
  both.seed = -5;
  t.is(traceFileName(both), 'OC-2+GC-7_seed-5.json');
});

test('round trip: every generated trace validates, writes and reads back equal', (t) => {
  const directory = temporaryDirectory();
  try {
    fc.assert(
      fc.property(traceArbitrary, (trace) => {
        const path = writeTrace(directory, trace);
        const back = readTrace(path);
        return isTrace(back) && JSON.stringify(back) === JSON.stringify(trace);
      }),
      { seed: SEED, numRuns: 150 },
    );
    t.pass();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('an unknown trace version is refused by name, before any other check', (t) => {
  const issues = issuesOf(
    edited((trace) => {
      trace.version = 2;
      trace.steps = 'garbage';
    }),
  );
  t.deepEqual(issues, ['trace.version: unknown trace format version 2 (this kspec reads version 1)']);
});

test('a file that is not a kspec trace, or not JSON, or missing, is a clear error', (t) => {
  t.regex(issuesOf('{"hello": 1}')[0]!, /^trace\.format: must be "kspec-trace"/);
  t.throws(() => parseTrace('{"format": ', 'broken.json'), {
    instanceOf: TraceError,
    message: /^broken\.json: not JSON/,
  });
  t.throws(() => readTrace('/nonexistent/x.json'), {
    instanceOf: TraceError,
    message: /x\.json: cannot read \(ENOENT\)/,
  });
  t.deepEqual(issuesOf(edited((trace) => (trace.contractVersion = 9))), [
    'trace.contractVersion: written for contract version 9, this kspec speaks version 1',
  ]);
});

test('a bad event field is named by its path inside the matching event type', (t) => {
  const issues = issuesOf(edited((trace) => (trace.steps[3].event.acks = 99999)));
  t.deepEqual(issues, ['trace.steps[3].event.acks: must be <= 32767']);
  const unknownType = issuesOf(edited((trace) => (trace.steps[2].event.type = 'synk')));
  t.is(unknownType.length, 1);
  t.regex(
    unknownType[0]!,
    /^trace\.steps\[2\]\.event\.type: unknown type "synk" \(expected one of: join, sync/,
  );
});

test('a typo in an expected observation or a missing top-level field is named', (t) => {
  const typo = issuesOf(
    edited((trace) => {
      trace.steps[5].expected = [{ type: 'heartbeat-response', eror: 'NONE' }];
    }),
  );
  t.deepEqual(typo, ["trace.steps[5].expected[0]: unknown field 'eror'"]);
  const missing = issuesOf(edited((trace) => delete trace.note));
  t.deepEqual(missing, ["trace: missing field 'note'"]);
});

test('cross-field rules: consecutive seq, simulated time, answers to later events, violation step, settings', (t) => {
  t.deepEqual(issuesOf(edited((trace) => (trace.steps[2].seq = 7))), [
    'trace.steps[2].seq: must be 2 (steps are numbered 0, 1, 2, ... in order)',
  ]);
  t.deepEqual(issuesOf(edited((trace) => (trace.steps[10].timeMs = 5))), [
    'trace.steps[10].timeMs: must be 0 (the sum of the advance-time events before it), got 5',
  ]);
  t.deepEqual(issuesOf(edited((trace) => (trace.steps[1].observations[0].request = 4))), [
    'trace.steps[1].observations[0].request: 4 answers an event after this one (seq 1)',
  ]);
  t.deepEqual(issuesOf(edited((trace) => (trace.violation.step = 11))), [
    'trace.violation.step: 11 is past the last step (10)',
  ]);
  const answer = (request: number) => ({
    type: 'heartbeat-response',
    request,
    client: 'c1',
    group: 'g',
    error: 'NONE',
  });
  t.deepEqual(
    issuesOf(edited((trace) => (trace.violation.mismatch = { model: [answer(9)], system: [answer(10)] }))),
    ['trace.violation.mismatch.system[0].request: 10 answers an event after the violating step (9)'],
  );
  t.deepEqual(
    issuesOf(edited((trace) => (trace.violation.mismatch = { model: [answer(9)], system: [] }))),
    [],
  );
  t.deepEqual(issuesOf(edited((trace) => delete trace.violation)), [
    'trace.violation: missing field (a counterexample names the rules it broke)',
  ]);
  const config = issuesOf(edited((trace) => (trace.config['auto.offset.reset'] = 'smallest')));
  t.is(config.length, 1);
  t.regex(config[0]!, /^trace\.config: Invalid value smallest for configuration auto\.offset\.reset/);
});

test('writeTrace refuses an invalid trace and writes nothing', (t) => {
  const directory = temporaryDirectory();
  try {
    const bad = { ...sampleTrace(), note: '' };
    t.throws(() => writeTrace(directory, bad), { instanceOf: TraceError, message: /trace\.note/ });
    t.deepEqual(readdirSync(directory), []);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
