// The outcome coverage report names what a system never produced: here a system that always
// accepts the session timeout a member asks for, so no JoinGroup is ever INVALID_SESSION_TIMEOUT.
import test from 'ava';
import type { SystemUnderTest } from '../../spec/sut.ts';
import { resolveAdapter } from '../adapters/resolve.ts';
import { formatOutcomes } from '../check/format.ts';
import { runSuite, type SystemFactory } from '../check/run-suite.ts';
import { suiteByName } from '../suites/index.ts';
import { REACHABLE_OUTCOMES } from './catalog.ts';
import { outcomeReport } from './outcome-coverage.ts';

const INVALID = (outcome: string) => outcome.startsWith('join-response INVALID_SESSION_TIMEOUT');

/** The model as a system, except that every JoinGroup's session timeout is made valid first. */
function lenientSessions(inner: SystemFactory): SystemFactory {
  return {
    name: 'lenient-sessions',
    async create(): Promise<SystemUnderTest> {
      const system = await inner.create();
      return {
        capabilities: () => system.capabilities(),
        reset: (setup) => system.reset(setup),
        apply: (event, seq) =>
          system.apply(event.type === 'join' ? { ...event, sessionTimeoutMs: 10000 } : event, seq),
        inspect: () => system.inspect!(),
        close: () => system.close(),
      };
    },
  };
}

async function groupOutcomes(system: SystemFactory): Promise<string[]> {
  const outcome = await runSuite({
    suite: suiteByName('group')!,
    profile: 'safe',
    seed: 3,
    numRuns: 30,
    system,
  });
  t_failed(outcome.failed);
  return outcome.outcomes.toJSON();
}
const t_failed = (failed: boolean) => {
  if (failed) throw new Error('the group suite failed');
};

test('an outcome the system never produces is named unreached (and the model does produce it)', async (t) => {
  const model = await resolveAdapter('model');
  const honest = outcomeReport(await groupOutcomes(model));
  const reachedByModel = honest.rows.find((row) => row.answer === 'join-response')!;
  t.true(
    reachedByModel.unreached.filter(INVALID).length < 5,
    'the model answers INVALID_SESSION_TIMEOUT in some state',
  );
  const report = outcomeReport(await groupOutcomes(lenientSessions(model)));
  const join = report.rows.find((row) => row.answer === 'join-response')!;
  t.is(join.unreached.filter(INVALID).length, 5, 'in none of the five group states');
  const text = formatOutcomes(report).join('\n');
  t.regex(text, /unreached:\n(.*\n)* {2}join-response INVALID_SESSION_TIMEOUT in Empty/);
  // The two runs part at their first differing answer, so other outcomes come and go between them
  // and the totals may go either way; what the model reached and the lenient system cannot give,
  // the report names unreached.
  const refusedByModel = REACHABLE_OUTCOMES.filter(INVALID).filter(
    (outcome) => !reachedByModel.unreached.includes(outcome),
  );
  t.true(refusedByModel.length > 0);
  t.deepEqual(
    refusedByModel.filter((outcome) => !join.unreached.includes(outcome)),
    [],
  );
});

test('outcomeReport counts per answer type and names outcomes outside the catalog', (t) => {
  const catalog = [
    'join-response NONE in Empty',
    'join-response UNKNOWN_MEMBER_ID in Stable',
    'fetch-response NONE',
  ];
  const report = outcomeReport(
    ['join-response NONE in Empty', 'join-response NOT_COORDINATOR in Dead'],
    catalog,
  );
  t.is(report.reachable, 3);
  t.is(report.reached, 1);
  t.is(report.percent, 33.3);
  const join = report.rows.find((row) => row.answer === 'join-response')!;
  t.deepEqual(join.unreached, ['join-response UNKNOWN_MEMBER_ID in Stable']);
  t.deepEqual(join.beyond, ['join-response NOT_COORDINATOR in Dead']);
  t.deepEqual(report.rows.find((row) => row.answer === 'fetch-response')!.unreached, ['fetch-response NONE']);
});
