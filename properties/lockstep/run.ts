// One lockstep run: every event goes to the system under test and, when there is one, to the oracle
// (the model); answers are compared, the system's open choices checked against the oracle's allowed
// set and adopted (spec/oracle.ts), state invariants checked on each snapshot, and at the end the
// final phase heals every fault and reads the whole log back for the history checkers. Events the
// oracle does not model still run: those it declares `unaffectedBy` go to the system alone, and the
// first other one ends the comparison for the rest of the run (the oracle could no longer predict);
// the report shows how many events were compared. Without an oracle the run checks the system alone
// (history checkers and state invariants): the mode for black-box systems.

import { type Config, intSetting } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { LockstepOracle } from '../../spec/oracle.ts';
import type { SystemState } from '../../spec/state.ts';
import type { Capabilities, ReplicaView, SystemUnderTest } from '../../spec/sut.ts';
import { checkHistory, HISTORY_CHECKERS } from '../history/check-history.ts';
import { finding } from '../history/checkers/finding.ts';
import type { Finding, Phase } from '../history/history.ts';
import { HistoryRecorder } from '../history/history.ts';
import type { HistoryChecker } from '../history/history-checker.ts';
import { STATE_INVARIANTS, type StateInvariant } from '../invariants/index.ts';
import { OutcomeCoverage } from '../outcomes/outcome-coverage.ts';
import { rulesForMismatch } from './answer-rules.ts';
import { sentByClient } from './client-settings.ts';
import { type ComparisonPolicy, compareObservations, DEFAULT_POLICY } from './compare.ts';
import { Coverage } from './coverage.ts';
import { finalPhase } from './final-phase.ts';
import { RunKnowledge } from './knowledge.ts';
import { Tally } from './tally.ts';
import { PropertyViolation } from './violation.ts';

export const TOPIC = 't';

export interface RunOptions {
  readonly system: SystemUnderTest;
  readonly oracle?: LockstepOracle;
  readonly policy?: ComparisonPolicy;
  /** Resolved configuration (every setting present). */
  readonly config: Config;
  readonly systemSeed: number;
  readonly invariants?: readonly StateInvariant[];
  readonly historyCheckers?: readonly HistoryChecker[];
  readonly deliberatelyInvalid?: boolean;
  /** Called after each step (progress). */
  readonly onStep?: () => void;
}

export class LockstepRun {
  readonly knowledge: RunKnowledge;
  readonly recorder: HistoryRecorder;
  readonly tally = new Tally();
  readonly coverage = new Coverage();
  /** The rule outcomes this run's answers produced (properties/outcomes). */
  readonly outcomes = new OutcomeCoverage();
  #capabilities!: Capabilities;
  #oracleCapabilities: Capabilities | undefined;
  /** False once an event the oracle cannot follow has run: the rest of the run is not compared. */
  #oracleFollowing = false;
  #oracleLostAt: Event['type'] | undefined;
  #phase: Phase = 'run';
  #previous: SystemState | undefined;

  constructor(readonly options: RunOptions) {
    this.knowledge = new RunKnowledge(options.config, options.deliberatelyInvalid ?? true);
    this.recorder = new HistoryRecorder(options.config);
  }

  get capabilities(): Capabilities {
    return this.#capabilities;
  }

  /** Whether the system under test can apply this event type (the oracle never narrows what is generated). */
  systemSupports(type: Event['type']): boolean {
    return this.#capabilities.events.includes(type);
  }

  /** Whether the oracle is still being compared with the system (it is until an event it cannot follow). */
  get oracleFollowing(): boolean {
    return this.#oracleFollowing;
  }

  /** The event type that ended the comparison, if one did. */
  get oracleLostAt(): Event['type'] | undefined {
    return this.#oracleLostAt;
  }

  /** Resets the system (and oracle), then creates the run's topic. */
  async start(): Promise<void> {
    const setup = { seed: this.options.systemSeed, config: this.options.config };
    this.#capabilities = await this.options.system.capabilities();
    await this.options.system.reset(setup);
    if (this.options.oracle) {
      this.#oracleCapabilities = await this.options.oracle.capabilities();
      await this.options.oracle.reset(setup);
      // A real-time system (a live Kafka cluster) answers on its own clock: an event-by-event
      // comparison would report timing, not rule breaks, so such a run checks the system alone.
      this.#oracleFollowing = this.#capabilities.deterministic;
    }
    this.knowledge.supported = new Set(this.#capabilities.events);
    this.knowledge.replicasObservable =
      !this.#capabilities.inspect && this.options.system.replicas !== undefined;
    await this.step({
      type: 'create-topic',
      topic: TOPIC,
      partitions: intSetting(this.options.config, 'partitions'),
      replicationFactor: Math.min(
        intSetting(this.options.config, 'replication.factor'),
        intSetting(this.options.config, 'brokers'),
      ),
    });
  }

  /**
   * Time passes until every broker stopped without a clean shutdown is surely fenced (out of its
   * ISRs, and registered again if restarted, RP-25); nothing when none is pending.
   */
  async outwaitFences(): Promise<void> {
    const wait = this.knowledge.fenceWaitMs();
    if (wait > 0) await this.step({ type: 'advance-time', ms: wait });
  }

  /**
   * The partitions' leaders, replicas and ISRs to aim a fault by role: the last snapshot's where the
   * system is inspected, otherwise what the system reports now (replicas(): a Metadata request over
   * the wire). Undefined when it offers neither. Asking changes nothing in the system.
   */
  async replicaViews(): Promise<readonly ReplicaView[] | undefined> {
    if (this.knowledge.lastState) return this.knowledge.lastState.partitions;
    if (!this.knowledge.replicasObservable) return undefined;
    try {
      return await this.options.system.replicas!();
    } catch {
      return undefined; // no answer (every broker down or slow): the fault is not aimed this time
    }
  }

  /** Applies one event to the system (and oracle); throws PropertyViolation on a mismatch or broken invariant. */
  async step(sent: Event): Promise<Observation[]> {
    const event = sentByClient(sent, this.knowledge);
    const seq = this.recorder.nextSeq;
    const observations = await this.options.system.apply(event, seq);
    const state =
      this.#capabilities.inspect && this.options.system.inspect
        ? await this.options.system.inspect()
        : undefined;
    const unsupported = observations.some((o) => o.type === 'unsupported' && o.request === seq);
    // An event the system could not perform did not happen: the oracle does not see it either.
    const findings = unsupported ? [] : await this.#compareWithOracle(event, seq, observations, state);
    this.recorder.record(event, observations, this.#phase, state);
    if (!unsupported) {
      this.knowledge.learn(event, seq, observations, state);
      this.outcomes.record(observations, this.#previous);
    }
    if (state) {
      this.coverage.observe(state, this.#previous);
      findings.push(...this.#checkInvariants(state, seq));
    }
    this.options.onStep?.();
    if (findings.length > 0) throw new PropertyViolation(findings, this.recorder.history());
    return observations;
  }

  async #compareWithOracle(
    event: Event,
    seq: number,
    observations: readonly Observation[],
    state: SystemState | undefined,
  ): Promise<Finding[]> {
    const oracle = this.options.oracle;
    if (!oracle || !this.#oracleFollowing) return [];
    if (!this.#oracleCapabilities?.events.includes(event.type)) {
      if (oracle.unaffectedBy?.includes(event.type)) return [];
      this.#oracleFollowing = false;
      this.#oracleLostAt = event.type;
      return [];
    }
    const found: Finding[] = [];
    const expected = await oracle.apply(event, seq);
    const types = this.#capabilities.inspect
      ? oracle.observes
      : (oracle.observesWithoutSnapshots ?? oracle.observes);
    const predicted = (o: Observation) => !types || types.includes(o.type);
    const policy = this.options.policy ?? DEFAULT_POLICY;
    const actual = observations.filter(predicted);
    let mismatch = compareObservations(expected.filter(predicted), actual, policy);
    // An open choice inside the event (which leader, which follower fetched first) may show in its
    // answers: any answer list the oracle allows will do, and the oracle follows the one that matched.
    if (mismatch) {
      const index = (oracle.alternatives?.() ?? []).findIndex(
        (list) => !compareObservations(list.filter(predicted), actual, policy),
      );
      if (index >= 0) {
        mismatch = undefined;
        oracle.followAlternative?.(index);
      }
    }
    if (!mismatch) oracle.followIds?.(observations);
    this.tally.add('lockstep-observation', 1, mismatch ? 1 : 0);
    for (const answer of actual) this.tally.add(`answer:${answer.type}`, 1);
    if (mismatch) {
      const differing = [
        ...mismatch.expected.filter((line) => !mismatch!.actual.includes(line)),
        ...mismatch.actual.filter((line) => !mismatch!.expected.includes(line)),
      ];
      found.push({
        ...finding('lockstep-observation', `${describeEvent(event)}: ${mismatch.message}`, seq),
        rules: rulesForMismatch(differing),
        // Kept as data so a trace can show the differing fields, not two JSON lines.
        mismatch: { model: expected.filter(predicted), system: actual },
      });
    }
    if (state && oracle.adopt) {
      const disallowed = oracle.adopt(state);
      this.tally.add('lockstep-choice', 1, disallowed.length > 0 ? 1 : 0);
      // The oracle names the rule each choice breaks; the finding carries that rule, not the list.
      for (const choice of disallowed)
        found.push({
          ...finding('lockstep-choice', `${choice.rule} ${describeEvent(event)}: ${choice.message}`, seq),
          rules: [choice.rule],
        });
    }
    return found;
  }

  #checkInvariants(state: SystemState, seq: number): Finding[] {
    const found: Finding[] = [];
    for (const invariant of this.options.invariants ?? STATE_INVARIANTS) {
      const problem = invariant.check(state, this.#previous, this.options.config);
      this.tally.add(invariant.name, 1, problem ? 1 : 0);
      if (problem) found.push(finding(invariant.name, problem, seq));
    }
    this.#previous = state;
    return found;
  }

  /** Heals, re-sends what the application still owes, reads everything back, runs the history checkers. */
  async finish(): Promise<void> {
    this.#phase = 'final';
    await finalPhase(this);
    const report = checkHistory(this.recorder.history(), this.options.historyCheckers ?? HISTORY_CHECKERS);
    this.tally.merge(report.tally);
    const violations = report.findings.filter((f) => f.severity === 'violation');
    if (violations.length > 0) throw new PropertyViolation(violations, this.recorder.history());
  }
}

export function describeEvent(event: Event): string {
  const { type, ...rest } = event;
  return `${type}(${Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' ')})`;
}
