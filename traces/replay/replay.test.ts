import test from 'ava';
import { checkerOracle } from '../../properties/check/checker-oracle.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { Capabilities, SystemUnderTest } from '../../spec/sut.ts';
import type { Trace } from '../../spec/trace.ts';
import { CONTRACT_VERSION } from '../../spec/version.ts';
import { sampleTrace } from '../testing/sample-trace.ts';
import { matchesExpected } from './compare.ts';
import { exitCodeOf, type ReplayOracle, replayTrace } from './replay.ts';

/** A test double answering each seq from a table, recording what it was asked. */
class ScriptedSystem implements SystemUnderTest {
  readonly applied: number[] = [];
  resetWith: unknown;
  closed = false;
  constructor(private readonly answers: (seq: number) => Observation[]) {}
  async capabilities(): Promise<Capabilities> {
    return {
      contractVersion: CONTRACT_VERSION,
      name: 'scripted',
      events: [],
      inspect: false,
      deterministic: true,
    };
  }
  async reset(setup: unknown) {
    this.resetWith = setup;
  }
  async apply(_event: Event, seq: number) {
    this.applied.push(seq);
    return this.answers(seq);
  }
  async close() {
    this.closed = true;
  }
}

const recorded = (trace: Trace) => (seq: number) => structuredClone(trace.steps[seq]?.observations ?? []);

test('a counterexample whose recorded answers come back reproduces (exit 1), every event applied in order', async (t) => {
  const trace = sampleTrace();
  const system = new ScriptedSystem(recorded(trace));
  const result = await replayTrace(trace, system);
  t.is(result.verdict, 'reproduced');
  t.is(exitCodeOf(result.verdict), 1);
  t.deepEqual(
    system.applied,
    trace.steps.map((step) => step.seq),
  );
  t.deepEqual(system.resetWith, { seed: 42, config: trace.config });
});

test('memberIds chosen by the system do not count as a difference', async (t) => {
  const trace = sampleTrace();
  const system = new ScriptedSystem((seq) =>
    recorded(trace)(seq).map((o) =>
      o.type === 'join-response'
        ? { ...o, memberId: `other-${seq}`, members: o.members.map((m) => ({ ...m, memberId: 'x' })) }
        : o,
    ),
  );
  const result = await replayTrace(trace, system);
  t.is(result.verdict, 'reproduced');
  t.is(result.firstDivergence, undefined);
});

test('a system that rejects the stale commit diverges at the violating step: not reproduced, exit 0', async (t) => {
  const trace = sampleTrace();
  const system = new ScriptedSystem((seq) =>
    seq === 9 ? structuredClone(trace.steps[9]!.modelObservations!) : recorded(trace)(seq),
  );
  const result = await replayTrace(trace, system);
  t.is(result.verdict, 'not-reproduced');
  t.is(exitCodeOf(result.verdict), 0);
  t.is(result.firstDivergence?.seq, 9);
  t.is(result.firstDivergence?.kind, 'recorded-missing');
  t.regex(result.summary, /step 9/);
  const kinds = result.steps[9]!.divergences.map((d) => d.kind).sort();
  t.deepEqual(kinds, ['recorded-missing', 'unrecorded']);
});

test('a difference after the violating step still reproduces the violation', async (t) => {
  const trace = sampleTrace();
  const system = new ScriptedSystem((seq) =>
    seq === 10
      ? [{ type: 'unsupported', request: 10, event: 'advance-time', reason: 'x' }]
      : recorded(trace)(seq),
  );
  const result = await replayTrace(trace, system);
  t.is(result.verdict, 'reproduced');
  t.is(result.firstDivergence?.seq, 10);
});

test('a scenario conforms when every expectation is met and is violated, naming the step, when one is not', async (t) => {
  const trace: Trace = { ...sampleTrace(), kind: 'scenario', name: 'stale' };
  delete trace.violation;
  trace.steps[9] = {
    ...trace.steps[9]!,
    expected: [{ type: 'commit-response', client: 'c1', partitions: [{ error: 'ILLEGAL_GENERATION' }] }],
  };
  const good = await replayTrace(
    trace,
    new ScriptedSystem((seq) =>
      seq === 9 ? structuredClone(trace.steps[9]!.modelObservations!) : recorded(trace)(seq),
    ),
  );
  t.is(good.verdict, 'conforms');
  t.is(exitCodeOf(good.verdict), 0);
  const bad = await replayTrace(trace, new ScriptedSystem(recorded(trace)));
  t.is(bad.verdict, 'violated');
  t.is(exitCodeOf(bad.verdict), 1);
  t.is(bad.firstDivergence?.seq, 9);
  t.regex(
    bad.summary,
    /^step 9: expected commit-response client="c1" partitions=.*ILLEGAL_GENERATION.*got commit-response/,
  );
});

test('an oracle decides: its violation of the trace rule reproduces, none means conforms', async (t) => {
  const trace = sampleTrace();
  const oracle = (rules: string[]): ReplayOracle => ({
    name: 'test-oracle',
    async reset() {},
    async step(step) {
      return step.seq === 9 && rules.length > 0
        ? { violations: [{ rules, message: 'stale commit accepted' }] }
        : {};
    },
  });
  const again = await replayTrace(trace, new ScriptedSystem(recorded(trace)), { oracle: oracle(['OC-2']) });
  t.is(again.verdict, 'reproduced');
  t.is(again.summary, 'step 9: OC-2: stale commit accepted');
  const clean = await replayTrace(trace, new ScriptedSystem(recorded(trace)), { oracle: oracle([]) });
  t.is(clean.verdict, 'conforms');
  const other = await replayTrace(trace, new ScriptedSystem(recorded(trace)), { oracle: oracle(['GC-1']) });
  t.is(other.verdict, 'violated');
});

test('a system speaking another contract version is refused', async (t) => {
  const system = new ScriptedSystem(() => []);
  system.capabilities = async () => ({
    contractVersion: 99,
    name: 'future',
    events: [],
    inspect: false,
    deterministic: true,
  });
  await t.throwsAsync(replayTrace(sampleTrace(), system), { message: /future speaks contract version 99/ });
});

test('partial matching: only given fields, nested objects partial, arrays of equal length', (t) => {
  const actual = { type: 'sync-response', error: 'NONE', assignment: [{ topic: 't', partitions: [0, 1] }] };
  t.true(matchesExpected({ type: 'sync-response' }, actual));
  t.true(matchesExpected({ assignment: [{ partitions: [0, 1] }] }, actual));
  t.false(matchesExpected({ assignment: [{ partitions: [0] }] }, actual));
  t.false(matchesExpected({ assignment: [] }, actual));
  t.false(matchesExpected({ error: 'ILLEGAL_GENERATION' }, actual));
  t.false(matchesExpected({ missing: 1 }, actual));
});

test('an expectation matches an answer given at its step or before, and each answer only once', async (t) => {
  const trace: Trace = { ...sampleTrace(), kind: 'scenario', name: 'late' };
  delete trace.violation;
  // c2's parked join is answered at step 6; expecting it "by step 8" holds, expecting it twice does not.
  const c2Joined = { type: 'join-response', client: 'c2', generation: 2 } as const;
  trace.steps[8] = { ...trace.steps[8]!, expected: [c2Joined] };
  const once = await replayTrace(trace, new ScriptedSystem(recorded(trace)));
  t.is(once.verdict, 'conforms');
  trace.steps[10] = { ...trace.steps[10]!, expected: [c2Joined] };
  const twice = await replayTrace(trace, new ScriptedSystem(recorded(trace)));
  t.is(twice.verdict, 'violated');
  t.is(twice.firstDivergence?.seq, 10);
  // Expected before it was answered: at step 5 the join is still parked.
  delete trace.steps[10]!.expected;
  trace.steps[5] = { ...trace.steps[5]!, expected: [c2Joined] };
  const early = await replayTrace(trace, new ScriptedSystem(recorded(trace)));
  t.is(early.verdict, 'violated');
  t.is(early.firstDivergence?.seq, 5);
});

test("kspec's checkers as the oracle: the stale commit is found again by no-stale-generation-commit, and not once the system rejects it", async (t) => {
  const trace = sampleTrace();
  const oracle = await checkerOracle();
  const again = await replayTrace(trace, new ScriptedSystem(recorded(trace)), { oracle });
  t.is(again.verdict, 'reproduced');
  t.regex(again.summary, /^step 10: [A-Z]{2}-\d+.*: no-stale-generation-commit: c1 in g/);
  const fixed = await replayTrace(
    trace,
    new ScriptedSystem((seq) =>
      seq === 9 ? structuredClone(trace.steps[9]!.modelObservations!) : recorded(trace)(seq),
    ),
    { oracle },
  );
  t.is(fixed.verdict, 'conforms', fixed.summary);
});
