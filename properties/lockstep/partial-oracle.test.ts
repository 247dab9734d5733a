// How a lockstep run treats an oracle that models part of the contract (spec/oracle.ts): events it
// is unaffected by go to the system alone, any other unmodeled event ends the comparison, only the
// observation types it predicts are compared, open choices go through `adopt`, and a real-time
// system is never compared.
import test from 'ava';
import { resolveConfig } from '../../spec/config.ts';
import type { Event, EventType } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { Disallowed, LockstepOracle } from '../../spec/oracle.ts';
import type { SystemState } from '../../spec/state.ts';
import type { Capabilities, Setup, SystemUnderTest } from '../../spec/sut.ts';
import { SAFE_PROFILE } from '../profiles.ts';
import { ToySystem } from '../testing/toy/toy-system.ts';
import { LockstepRun } from './run.ts';
import { PropertyViolation } from './violation.ts';

interface WrapOptions {
  readonly without?: readonly EventType[];
  readonly unaffectedBy?: readonly EventType[];
  readonly observes?: readonly Observation['type'][];
  readonly extra?: (event: Event, seq: number) => Observation[];
  readonly adopt?: (observed: SystemState) => Disallowed[];
  readonly alternatives?: () => Observation[][] | undefined;
  readonly deterministic?: boolean;
  readonly inspect?: boolean;
  readonly observesWithoutSnapshots?: readonly Observation['type'][];
}

/** The toy system with some events taken away, answers added, or oracle parts declared. */
class Wrapped implements LockstepOracle {
  readonly unaffectedBy;
  readonly observes;
  readonly adopt;
  readonly alternatives;
  readonly observesWithoutSnapshots;
  readonly inner = new ToySystem();

  constructor(private readonly options: WrapOptions = {}) {
    this.unaffectedBy = options.unaffectedBy;
    this.observes = options.observes;
    this.adopt = options.adopt;
    this.alternatives = options.alternatives;
    this.observesWithoutSnapshots = options.observesWithoutSnapshots;
  }

  async capabilities(): Promise<Capabilities> {
    const base = await this.inner.capabilities();
    return {
      ...base,
      events: base.events.filter((type) => !this.options.without?.includes(type)),
      deterministic: this.options.deterministic ?? true,
      inspect: this.options.inspect ?? base.inspect,
    };
  }
  reset(setup: Setup): Promise<void> {
    return this.inner.reset(setup);
  }
  async apply(event: Event, seq: number): Promise<Observation[]> {
    if (this.options.without?.includes(event.type))
      return [{ type: 'unsupported', request: seq, event: event.type, reason: 'taken away for the test' }];
    return [...(await this.inner.apply(event, seq)), ...(this.options.extra?.(event, seq) ?? [])];
  }
  inspect(): Promise<SystemState> {
    return this.inner.inspect();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A produce answer the oracle never sees: time passing released it in the system. */
const lateProduceAnswer = (event: Event, seq: number): Observation[] =>
  event.type === 'advance-time'
    ? [
        {
          type: 'produce-response',
          request: seq,
          producer: 'p0',
          topic: 't',
          partition: 0,
          acks: -1,
          error: 'REQUEST_TIMED_OUT',
          baseOffset: -1,
          values: ['p0-0'],
        },
      ]
    : [];

async function runEvents(system: SystemUnderTest, oracle: LockstepOracle, events: Event[]) {
  const run = new LockstepRun({ system, oracle, config: resolveConfig(SAFE_PROFILE), systemSeed: 1 });
  await run.start();
  try {
    for (const event of events) await run.step(event);
    return { run, violation: undefined };
  } catch (error) {
    if (!(error instanceof PropertyViolation)) throw error;
    return { run, violation: error };
  }
}

const tick: Event = { type: 'advance-time', ms: 100 };
const flush: Event = { type: 'flush', broker: 0 };

test('an answer the oracle does not give is a mismatch when it predicts every type', async (t) => {
  const { violation } = await runEvents(new Wrapped({ extra: lateProduceAnswer }), new Wrapped(), [tick]);
  t.truthy(violation);
  t.regex(violation!.findings[0]!.message, /system answered .*REQUEST_TIMED_OUT/);
});

test('only the observation types the oracle predicts are compared', async (t) => {
  const oracle = new Wrapped({ observes: ['join-response', 'admin-response'] });
  const { run, violation } = await runEvents(new Wrapped({ extra: lateProduceAnswer }), oracle, [tick]);
  t.is(violation, undefined);
  t.is(run.tally.rows.get('lockstep-observation')?.checked, 2); // create-topic and the tick
});

test('an event the oracle is unaffected by goes to the system alone and the comparison goes on', async (t) => {
  const oracle = new Wrapped({ without: ['flush'], unaffectedBy: ['flush'] });
  const { run, violation } = await runEvents(new Wrapped({ extra: lateProduceAnswer }), oracle, [
    flush,
    tick,
  ]);
  t.true(run.oracleFollowing);
  t.truthy(violation, 'the tick after the flush is still compared');
});

test('any other event the oracle does not model ends the comparison for the rest of the run', async (t) => {
  const oracle = new Wrapped({ without: ['flush'] });
  const { run, violation } = await runEvents(new Wrapped({ extra: lateProduceAnswer }), oracle, [
    flush,
    tick,
  ]);
  t.is(violation, undefined);
  t.false(run.oracleFollowing);
  t.is(run.oracleLostAt, 'flush');
  t.is(run.tally.rows.get('lockstep-observation')?.checked, 1); // create-topic only
});

test('a choice the oracle does not allow fails the run with the rule it breaks; allowed choices pass', async (t) => {
  const seen: number[] = [];
  const strict = new Wrapped({
    adopt: (observed) => {
      seen.push(observed.timeMs);
      return observed.timeMs > 0 ? [{ rule: 'RP-12', message: 'leader b2 is not in the ISR' }] : [];
    },
  });
  const { violation } = await runEvents(new Wrapped(), strict, [tick]);
  t.deepEqual(seen, [0, 100]);
  t.is(violation?.findings[0]?.property, 'lockstep-choice');
  t.regex(violation!.findings[0]!.message, /^RP-12 advance-time\(ms=100\): leader b2 is not in the ISR/);
});

test('a real-time system is checked alone: its answers are never compared with the oracle', async (t) => {
  const { run, violation } = await runEvents(
    new Wrapped({ extra: lateProduceAnswer, deterministic: false }),
    new Wrapped(),
    [tick],
  );
  t.is(violation, undefined);
  t.false(run.oracleFollowing);
  t.is(run.tally.rows.get('lockstep-observation'), undefined);
});

test('an event the system answers as unsupported did not happen: the oracle does not see it', async (t) => {
  const system = new Wrapped({ without: ['flush'] });
  const oracle = new Wrapped({
    extra: (event) => (event.type === 'flush' ? lateProduceAnswer(tick, 0) : []),
  });
  const { run, violation } = await runEvents(system, oracle, [flush, tick]);
  t.is(violation, undefined);
  t.true(run.oracleFollowing);
  t.is(run.tally.rows.get('lockstep-observation')?.checked, 2); // create-topic and the tick
});

test('where a choice inside the event shows in its answers, any answer list the oracle allows matches', async (t) => {
  const late = lateProduceAnswer(tick, 1);
  const allowing = new Wrapped({ alternatives: () => [[], late] });
  const { violation } = await runEvents(new Wrapped({ extra: lateProduceAnswer }), allowing, [tick]);
  t.is(violation, undefined);
  const otherwise = new Wrapped({ alternatives: () => [[]] });
  const { violation: caught } = await runEvents(new Wrapped({ extra: lateProduceAnswer }), otherwise, [tick]);
  t.truthy(caught);
});

test('for a system without snapshots only the answers that do not hang on adopted choices are compared', async (t) => {
  const oracle = () => new Wrapped({ observesWithoutSnapshots: ['admin-response'] });
  const blind = await runEvents(new Wrapped({ extra: lateProduceAnswer, inspect: false }), oracle(), [tick]);
  t.is(blind.violation, undefined);
  const seeing = await runEvents(new Wrapped({ extra: lateProduceAnswer }), oracle(), [tick]);
  t.truthy(seeing.violation);
});
