// The no-loss matrix (../shared/kafka-semantics.md section 5): the safe profile must show no
// violation; each unsafe flip, applied alone, must be caught with a shrunk counterexample; and the
// availability case shows acks=all writes refused with one replica down.
import { resolveConfig } from '../../spec/config.ts';
import { AVAILABILITY_CASE, FLIPS, profileConfig, SAFE_PROFILE } from '../profiles.ts';
import { CONSUMER_MATRIX_SUITE, PRODUCER_MATRIX_SUITE } from '../suites/matrix-suite.ts';
import { probeAvailability } from './availability.ts';
import { runSuite, type SuiteOutcome, type SystemFactory } from './run-suite.ts';

export interface MatrixRow {
  readonly profile: string;
  readonly setting: string;
  readonly unsafeValue: string;
  readonly kind: 'safe' | 'safety' | 'availability';
  /** Safety rows: a violation was found. Safe row: a violation was found (should be false). Availability: the write was refused. */
  readonly caught: boolean;
  /** Events in the shrunk trace (setup and final phase included); null when nothing was caught. */
  readonly events: number | null;
  readonly seconds: number;
  readonly properties: readonly string[];
  readonly seed: number;
  readonly path?: string;
  readonly replayPath?: string;
  readonly commands?: string;
  readonly note: string;
  /** The suite outcome, for traces; absent for the availability probe. */
  readonly outcome?: SuiteOutcome;
}

export interface MatrixOptions {
  readonly system: SystemFactory;
  readonly seed: number;
  readonly numRuns: number;
  readonly onRun?: () => void;
  readonly onRow?: (row: MatrixRow) => void;
}

function rowOf(
  profile: string,
  setting: string,
  unsafeValue: string,
  kind: MatrixRow['kind'],
  outcome: SuiteOutcome,
  note: string,
): MatrixRow {
  const properties = [...new Set((outcome.findings ?? []).map((f) => f.property))];
  return {
    profile,
    setting,
    unsafeValue,
    kind,
    caught: outcome.failed,
    events: outcome.failed ? (outcome.history?.steps.length ?? null) : null,
    seconds: outcome.seconds,
    properties: outcome.crash ? ['crash'] : properties,
    seed: outcome.seed,
    ...(outcome.path ? { path: outcome.path } : {}),
    ...(outcome.replayPath ? { replayPath: outcome.replayPath } : {}),
    ...(outcome.commands ? { commands: outcome.commands } : {}),
    note: outcome.crash ? `the run crashed: ${outcome.crash.split('\n')[0]}` : note,
    outcome,
  };
}

export async function runMatrix(options: MatrixOptions): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = [];
  const push = (row: MatrixRow) => {
    rows.push(row);
    options.onRow?.(row);
  };
  const common = {
    seed: options.seed,
    numRuns: options.numRuns,
    system: options.system,
    ...(options.onRun ? { onRun: options.onRun } : {}),
  };
  for (const suite of [PRODUCER_MATRIX_SUITE, CONSUMER_MATRIX_SUITE]) {
    const safe = await runSuite({ ...common, suite, profile: 'safe' });
    push(
      rowOf(
        'safe',
        `safe profile (${suite.name})`,
        '-',
        'safe',
        safe,
        'all safeguards on: no violation expected',
      ),
    );
  }
  for (const flip of FLIPS) {
    const suite = flip.side === 'consumer' ? CONSUMER_MATRIX_SUITE : PRODUCER_MATRIX_SUITE;
    const outcome = await runSuite({ ...common, suite, profile: flip.name });
    push(rowOf(flip.name, flip.setting, flip.unsafeValue, 'safety', outcome, flip.scenario));
  }
  push(await availabilityRow(options));
  return rows;
}

async function availabilityRow(options: MatrixOptions): Promise<MatrixRow> {
  const started = performance.now();
  const system = await options.system.create();
  try {
    const flipped = await probeAvailability(
      system,
      resolveConfig(profileConfig(AVAILABILITY_CASE.name)),
      options.seed >>> 0,
    );
    const safe = await probeAvailability(system, resolveConfig(SAFE_PROFILE), options.seed >>> 0);
    return {
      profile: AVAILABILITY_CASE.name,
      setting: AVAILABILITY_CASE.setting,
      unsafeValue: AVAILABILITY_CASE.unsafeValue,
      kind: 'availability',
      caught: flipped.refused,
      events: flipped.events,
      seconds: (performance.now() - started) / 1000,
      properties: ['acks-all-availability'],
      seed: options.seed,
      note: `one replica down: acks=all answered ${flipped.error} (safe profile: ${safe.error})`,
    };
  } finally {
    await system.close();
  }
}
