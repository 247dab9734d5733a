// The counterexample writer keeps what the renderers need: a snapshot wherever the state changed (so
// each step's leader, ISR, LEO and HW can be shown), a lockstep mismatch as data, and a note that
// is never cut mid-word.
import test from 'ava';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { SystemState } from '../../spec/state.ts';
import { counterexampleTrace } from './counterexample-trace.ts';
import type { SuiteOutcome } from './run-suite.ts';

const state = (highWatermark: number): SystemState => ({
  timeMs: 0,
  brokers: [{ id: 0, alive: true }],
  groups: [],
  partitions: [
    {
      topic: 't',
      partition: 0,
      replicas: [0],
      leader: 0,
      leaderEpoch: 0,
      isr: [0],
      highWatermark,
      replicaStates: [{ broker: 0, alive: true, logEndOffset: highWatermark, highWatermark, lastEpoch: 0 }],
    },
  ],
});

const tick: Event = { type: 'advance-time', ms: 1 };
const commit: Event = {
  type: 'commit',
  client: 'c1',
  group: 'g',
  generation: 1,
  member: 'own',
  offsets: [{ topic: 't', partition: 0, offset: 1 }],
};
const answer = (error: 'NONE' | 'ILLEGAL_GENERATION'): Observation => ({
  type: 'commit-response',
  request: 3,
  client: 'c1',
  group: 'g',
  source: 'request',
  generation: 1,
  partitions: [{ topic: 't', partition: 0, offset: 1, error }],
});

function outcome(message: string, mismatch?: { model: Observation[]; system: Observation[] }): SuiteOutcome {
  const steps = [state(0), state(0), state(1), state(1)].map((snapshot, seq) => ({
    seq,
    timeMs: seq,
    event: seq === 3 ? commit : tick,
    observations: seq === 3 ? [answer('NONE')] : [],
    phase: 'run' as const,
    state: snapshot,
  }));
  return {
    suite: 'group',
    profile: 'safe',
    adapter: 'reference',
    config: {},
    seed: 7,
    systemSeed: 7,
    failed: true,
    history: { config: {}, steps },
    findings: [
      {
        property: 'lockstep-observation',
        rules: ['OC-1'],
        severity: 'violation',
        message,
        step: 3,
        ...(mismatch ? { mismatch } : {}),
      },
    ],
  } as unknown as SuiteOutcome;
}

test('a snapshot is kept where the state changed and at the failing step; unchanged steps keep the digest', (t) => {
  const trace = counterexampleTrace(outcome('broken'))!;
  t.deepEqual(
    trace.steps.map((step) => step.state?.snapshot !== undefined),
    [true, false, true, true],
  );
  t.is(trace.steps[0]!.state!.digest, trace.steps[1]!.state!.digest);
});

test('a lockstep mismatch is stored as the model and system answers; the note names the differing field, not JSON', (t) => {
  const message = `commit(client=c1): model answered ${JSON.stringify(answer('ILLEGAL_GENERATION'))}; system answered ${JSON.stringify(answer('NONE'))}`;
  const trace = counterexampleTrace(
    outcome(message, { model: [answer('ILLEGAL_GENERATION')], system: [answer('NONE')] }),
  )!;
  t.deepEqual(trace.violation?.mismatch, { model: [answer('ILLEGAL_GENERATION')], system: [answer('NONE')] });
  t.is(
    trace.note,
    "lockstep-observation: commit(client=c1): the system's answer differs from the model's in partitions[0].error",
  );
});

test('a long note is cut at a word boundary and marked with an ellipsis', (t) => {
  const trace = counterexampleTrace(outcome(`${'word '.repeat(150)}end`))!;
  t.true(trace.note.length <= 500);
  t.regex(trace.note, /word…$/);
});
