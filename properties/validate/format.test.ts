// The validate verdict says what was checked: CONFORMS only when every rule was exercised.
import test from 'ava';
import type { ConformanceReport, RuleConformance } from './conformance.ts';
import { formatText, verdictLines } from './format.ts';
import { verdictOf } from './verdict.ts';

const rule = (id: string, status: RuleConformance['status'], properties = ['lockstep-observation']) => ({
  rule: id,
  status,
  properties,
  checked: status === 'not exercised' ? 0 : 3,
  violations: [],
});

const report = (rules: RuleConformance[], deterministic: boolean): ConformanceReport => {
  const suites = [{ suite: 'group', runs: 1, seconds: 1, outcome: 'held' as const }];
  return {
    format: 'kspec-conformance-report',
    version: 1,
    adapter: 'kafka:127.0.0.1:9092',
    profile: 'safe',
    system: 'a cluster',
    deterministic,
    oracle: deterministic ? 'model' : null,
    seed: 1,
    seconds: 1,
    ok: true,
    verdict: verdictOf(rules, suites),
    suites,
    rules,
    unsupportedEvents: [],
    observed: { unsupported: [], errors: [] },
  };
};

test('a real-time run that exercised a few rules is not called CONFORMS, and says why the rest were not', (t) => {
  const partial = report(
    [rule('GC-5', 'not exercised'), rule('GC-6', 'not exercised'), rule('RP-18', 'conforms', ['lost-write'])],
    false,
  );
  const [verdict, why] = verdictLines(partial);
  t.regex(
    verdict!,
    /^conforms on the 1 of 3 rules exercised \(RP-18\); 2 not exercised, so not checked \(GC 2\)/,
  );
  t.regex(why!, /2 of them are checked only by comparing answers with the model in lockstep/);
  t.notRegex(formatText(partial), /CONFORMS/);
});

test('CONFORMS when every rule was exercised; NOTHING CHECKED when none was', (t) => {
  t.regex(verdictLines(report([rule('GC-5', 'conforms')], true))[0]!, /^CONFORMS: all 1 rules exercised/);
  t.regex(verdictLines(report([rule('GC-5', 'not exercised')], true))[0]!, /^NOTHING CHECKED/);
});

test('the --json report carries the verdict as data, so scripts need not parse the text', (t) => {
  const partial = report([rule('GC-5', 'not exercised'), rule('RP-18', 'conforms', ['lost-write'])], false);
  t.like(partial.verdict, {
    kind: 'conforms-on-exercised',
    rules: 2,
    exercised: 1,
    violated: 0,
    notExercised: 1,
  });
  t.is(report([rule('GC-5', 'conforms')], true).verdict.kind, 'conforms');
  t.is(report([rule('GC-5', 'not exercised')], true).verdict.kind, 'nothing-checked');
  t.is(report([rule('GC-5', 'violates'), rule('GC-6', 'conforms')], true).verdict.kind, 'does-not-conform');
  t.deepEqual(verdictOf([rule('GC-5', 'conforms')], [{ suite: 'group', outcome: 'error' }]), {
    kind: 'no-verdict',
    rules: 1,
    exercised: 1,
    violated: 0,
    notExercised: 0,
    errors: ['group'],
  });
});
