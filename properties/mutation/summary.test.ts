// The mutation score's arithmetic: a kill counts only when its check ran and failed, equivalent
// survivors leave the denominator, untriaged ones stay in it, and the medians read the check log.

import { readFileSync } from 'node:fs';
import test from 'ava';
import { type Recount, recountScores } from './mutation.bench.ts';
import { drawSample } from './sample.ts';
import { type CheckLine, summarize, type Tested } from './summary.ts';

const at = (line: number) => ({ line, column: 0 });
const mutant = (id: string, status: string, line: number): Tested => ({
  file: 'impl/x.ts',
  mutator: 'ConditionalExpression',
  replacement: 'true',
  start: at(line),
  end: at(line),
  id,
  status,
});

test('kills need a failed check; equivalents leave the denominator; medians come from the killed checks', (t) => {
  const tested = [
    mutant('0', 'Killed', 1),
    mutant('1', 'Killed', 2),
    mutant('2', 'Killed', 3), // no check line: the command never ran
    mutant('3', 'Survived', 4),
    mutant('4', 'Survived', 5),
  ];
  const checks: CheckLine[] = [
    { mutant: null, exit: 0, seconds: 100 },
    { mutant: '0', exit: 1, seconds: 30, secondsToFailure: 2, shrunkEvents: 4 },
    { mutant: '1', exit: 1, seconds: 50, secondsToFailure: 6, shrunkEvents: 8 },
    { mutant: '3', exit: 0, seconds: 100 },
    { mutant: '4', exit: 0, seconds: 100 },
  ];
  const s = summarize({
    seed: 1,
    runs: 5,
    sampled: 5,
    population: 10,
    files: 1,
    planned: 5,
    tested,
    checks,
    triage: [{ key: 'impl/x.ts:4:0-4:0 ConditionalExpression true', verdict: 'equivalent', why: 'test' }],
    minutes: 1,
  });
  t.is(s.killed, 2);
  t.is(s.errors, 1);
  t.is(s.ran, 4);
  t.is(s.equivalent, 1);
  t.is(s.untriaged, 1);
  t.is(s.score, 2 / 3);
  t.is(s.medianSecondsToFailure, 4);
  t.is(s.medianShrunkEvents, 6);
  t.is(s.dryRunSeconds, 100);
});

test('a sample is a pure function of its seed, without repeats', (t) => {
  const items = Array.from({ length: 100 }, (_, i) => i);
  t.deepEqual(drawSample(items, 10, 7), drawSample(items, 10, 7));
  t.notDeepEqual(drawSample(items, 10, 7), drawSample(items, 10, 8));
  t.is(new Set(drawSample(items, 100, 7)).size, 100);
});

test('a timeout counts as detected unless triage.json re-judged it', (t) => {
  const input = {
    seed: 1,
    runs: null,
    sampled: 2,
    population: 10,
    files: 1,
    planned: 2,
    tested: [mutant('0', 'Timeout', 1), mutant('1', 'Timeout', 2)],
    checks: [{ mutant: null, exit: 0, seconds: 100 }],
    minutes: 1,
  };
  const rejudged = {
    key: 'impl/x.ts:2:0-2:0 ConditionalExpression true',
    verdict: 'out-of-contract' as const,
    why: 'rerun held',
  };
  const s = summarize({ ...input, triage: [rejudged] });
  t.is(s.timedOut, 1);
  t.is(s.outOfContract, 1);
  t.is(s.score, 1 / 2);
  t.is(s.scoreInContract, 1);
  t.is(summarize({ ...input, triage: [] }).score, 1);
});

test('the re-count of the seed-2 draw gives every mutant one verdict, and its score is detected over the non-equivalent', (t) => {
  const recount = JSON.parse(readFileSync(new URL('./recount.json', import.meta.url), 'utf8')) as Recount;
  t.is(
    recount.detected + recount.equivalent + recount.outOfContract + recount.gaps + recount.errors,
    recount.mutants,
  );
  const { score, inContract } = recountScores(recount);
  t.is(score, recount.detected / (recount.mutants - recount.equivalent - recount.errors));
  t.true(inContract >= score);
});
