// The deterministic group lockstep over the wire (lockstep-system.ts) as one call and one command:
// the group, commit and assignors suites against `kafka-lockstep:BOOTSTRAP`, every answer compared
// with the group model (model-group). Swarm configurations are off (a live cluster's broker settings are fixed for the
// whole run; lockstep-pacing.ts refuses runs whose settings differ) and the run's settings are those
// of LOCKSTEP_CONFIG, which the cluster must be started with (LOCKSTEP_BROKER_SETTINGS).
// `npm run kafka:lockstep` is lockstep-main.ts.
import { runSuite, type SuiteOutcome, suiteConfig } from '../../check/run-suite.ts';
import { suiteByName } from '../../suites/index.ts';
import { resolveAdapter } from '../resolve.ts';

export const LOCKSTEP_SUITES = ['group', 'commit', 'assignors'] as const;

/** The run's settings: one broker, no replication, sessions and rebalances no run outlasts. */
export const LOCKSTEP_CONFIG = {
  brokers: 1,
  'replication.factor': 1,
  'min.insync.replicas': 1,
  'session.timeout.ms': 120_000,
  'max.poll.interval.ms': 300_000,
} as const;

/** The broker settings the cluster must have for the runs above (Kafka's names). */
export function lockstepBrokerSettings(): Record<string, number> {
  const settings: Record<string, number> = {};
  for (const suite of LOCKSTEP_SUITES) {
    const config = suiteConfig(suiteByName(suite)!, 'safe', LOCKSTEP_CONFIG);
    for (const name of [
      'group.initial.rebalance.delay.ms',
      'group.max.size',
      'group.min.session.timeout.ms',
      'group.max.session.timeout.ms',
      'offset.metadata.max.bytes',
      'offsets.retention.minutes',
    ])
      settings[name] = config[name] as number;
  }
  return settings;
}

export interface LockstepSuiteResult {
  readonly suite: string;
  readonly outcome: SuiteOutcome;
  /** Events whose answers were compared with the model. */
  readonly compared: number;
  /** Events the system answered `unsupported` (refused timeouts, settings). */
  readonly refused: number;
}

export async function runGroupLockstep(options: {
  readonly bootstrap: string;
  readonly seed: number;
  readonly runs: number;
  readonly suites?: readonly string[];
}): Promise<LockstepSuiteResult[]> {
  const results: LockstepSuiteResult[] = [];
  for (const name of options.suites ?? LOCKSTEP_SUITES) {
    const suite = suiteByName(name)!;
    // DescribeConfigs is compared only where the cluster sets broker-wide exactly the topic settings
    // the run names (topic-settings.ts, RP-27), never with a suite's resolved configuration: left out.
    const { describeConfigs: _, ...weights } = suite.weights;
    const outcome = await runSuite({
      suite: { ...suite, weights, swarm: false },
      profile: 'safe',
      seed: options.seed,
      numRuns: options.runs,
      system: await resolveAdapter(`kafka-lockstep:${options.bootstrap}`),
      // The group model (the model's group part): without snapshots the whole model compares only
      // membership answers, as commits may follow from polls; here there are no polls, so commits
      // and offset fetches are compared too.
      oracle: await resolveAdapter('model-group'),
      extraConfig: { ...LOCKSTEP_CONFIG },
    });
    results.push({
      suite: name,
      outcome,
      compared: outcome.tally.rows.get('lockstep-observation')?.checked ?? 0,
      refused: outcome.tally.rows.get('answer:unsupported')?.checked ?? 0,
    });
  }
  return results;
}
