// The figures of a `npm run mutation` run: Stryker's verdict per mutant, the triage of the
// survivors (triage.json), the score among non-equivalent mutants, the time to catch a killed
// mutant and the size of its shrunk counterexample (from check-mutant.ts's log).
import { mutantKey, type Position } from './sample.ts';

export interface Tested {
  readonly file: string;
  readonly mutator: string;
  readonly replacement: string;
  readonly start: Position;
  readonly end: Position;
  readonly id: string;
  /** Stryker's status: Killed, Survived, Timeout, RuntimeError, CompileError, NoCoverage. */
  readonly status: string;
}

export interface CheckLine {
  readonly mutant: string | null;
  readonly exit: number;
  readonly seconds: number;
  readonly suite?: string;
  readonly secondsToFailure?: number | null;
  readonly shrunkEvents?: number | null;
  readonly caughtBy?: readonly string[];
}

/**
 * A survivor's triage. equivalent: no run of the contract can tell it from the original.
 * out-of-contract: it changes only what the rule book does not cover, so no conforming check can
 * catch it. gap: a real blind spot (`fixed` names what closed it, or it stays open).
 */
export interface TriageEntry {
  readonly key: string;
  readonly verdict: 'equivalent' | 'out-of-contract' | 'gap';
  readonly why: string;
  readonly fixed?: string;
}

export interface Survivor {
  readonly key: string;
  readonly verdict: TriageEntry['verdict'] | 'untriaged';
  readonly why?: string;
  readonly fixed?: string;
}

export interface MutationSummary {
  readonly seed: number;
  /** `kspec check --runs` per mutant (null: the default check). */
  readonly runs: number | null;
  readonly population: number;
  /** Mutants at the planted-bug catalog's sites, left out of the population (catalog-branches.ts). */
  readonly catalogSites?: number;
  readonly files: number;
  readonly sampled: number;
  /** Mutants Stryker planned to test (the sample and the other mutators on its nodes). */
  readonly planned: number;
  readonly ran: number;
  readonly killed: number;
  /** Killed to Stryker, but the check never ran (exit 2 or no log line): left out of the score. */
  readonly errors: number;
  readonly timedOut: number;
  readonly survived: number;
  readonly equivalent: number;
  readonly outOfContract: number;
  readonly gaps: number;
  readonly untriaged: number;
  /** (killed + timed out) / (ran - equivalent). */
  readonly score: number;
  /** The same without the out-of-contract survivors in the denominator. */
  readonly scoreInContract: number;
  /** Killed mutants: seconds from the failing suite's start to its first failing run. */
  readonly medianSecondsToFailure: number | null;
  /** Killed mutants: wall seconds of the whole `kspec check --fail-fast` (start-up and shrinking included). */
  readonly medianCheckSecondsKilled: number | null;
  readonly medianShrunkEvents: number | null;
  /** The dry run: the default check with no mutant. */
  readonly dryRunSeconds: number | null;
  readonly minutes: number;
  readonly survivors: readonly Survivor[];
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(input: {
  seed: number;
  runs: number | null;
  sampled: number;
  population: number;
  catalogSites?: number;
  files: number;
  planned: number;
  tested: readonly Tested[];
  checks: readonly CheckLine[];
  triage: readonly TriageEntry[];
  minutes: number;
}): MutationSummary {
  const byKey = new Map(input.triage.map((t) => [t.key, t]));
  // A kill counts only when its check ran and failed (exit 1, with a report): a command that could
  // not start (exit 2, no log line) is Killed to Stryker but judged nothing, so it is an error.
  const failedChecks = new Set(
    input.checks.filter((c) => c.mutant !== null && c.exit === 1).map((c) => c.mutant),
  );
  const errors = input.tested.filter((t) => t.status === 'Killed' && !failedChecks.has(t.id));
  const killed = input.tested.filter((t) => t.status === 'Killed' && failedChecks.has(t.id));
  // Stryker's Timeout (the check ran past 3x the dry run) counts as detected, unless the mutant
  // was re-judged by hand (triage.json names it: on a loaded machine a surviving check can run
  // past the limit too, and a slower check is no finding).
  const rejudged = (t: Tested) => t.status === 'Timeout' && byKey.has(mutantKey(t));
  const timedOut = input.tested.filter((t) => t.status === 'Timeout' && !rejudged(t));
  const survivors: Survivor[] = input.tested
    .filter((t) => (t.status !== 'Killed' && t.status !== 'Timeout') || rejudged(t))
    .map((t) => {
      const key = mutantKey(t);
      const entry = byKey.get(key);
      return entry
        ? { key, verdict: entry.verdict, why: entry.why, ...(entry.fixed ? { fixed: entry.fixed } : {}) }
        : { key, verdict: 'untriaged' as const };
    });
  const count = (verdict: Survivor['verdict']) => survivors.filter((s) => s.verdict === verdict).length;
  const equivalent = count('equivalent');
  const outOfContract = count('out-of-contract');
  const detected = killed.length + timedOut.length;
  const killedIds = new Set(killed.map((t) => t.id));
  const killedChecks = input.checks.filter(
    (c) => c.mutant !== null && killedIds.has(c.mutant) && c.exit !== 0,
  );
  const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    seed: input.seed,
    runs: input.runs,
    population: input.population,
    ...(input.catalogSites === undefined ? {} : { catalogSites: input.catalogSites }),
    files: input.files,
    sampled: input.sampled,
    planned: input.planned,
    ran: input.tested.length - errors.length,
    killed: killed.length,
    errors: errors.length,
    timedOut: timedOut.length,
    survived: survivors.length,
    equivalent,
    outOfContract,
    gaps: count('gap'),
    untriaged: count('untriaged'),
    score: ratio(detected, input.tested.length - errors.length - equivalent),
    scoreInContract: ratio(detected, input.tested.length - errors.length - equivalent - outOfContract),
    medianSecondsToFailure: median(
      killedChecks.flatMap((c) => (typeof c.secondsToFailure === 'number' ? [c.secondsToFailure] : [])),
    ),
    medianCheckSecondsKilled: median(killedChecks.map((c) => c.seconds)),
    medianShrunkEvents: median(
      killedChecks.flatMap((c) => (typeof c.shrunkEvents === 'number' ? [c.shrunkEvents] : [])),
    ),
    dryRunSeconds: input.checks.find((c) => c.mutant === null)?.seconds ?? null,
    minutes: input.minutes,
    survivors,
  };
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const figure = (x: number | null, unit: string) => (x === null ? '-' : `${x.toFixed(1)} ${unit}`);

export function formatSummary(s: MutationSummary): string {
  const lines = [
    `mutation sample: seed ${s.seed}, ${s.runs === null ? 'the default kspec check' : `kspec check --runs ${s.runs}`} per mutant, ${s.sampled} of ${s.population} mutants drawn (${s.files} files${s.catalogSites === undefined ? '' : `; ${s.catalogSites} at the planted-bug catalog's sites left out`}), ${s.ran} of the ${s.planned} planned (with the other mutators on the same nodes) run, ${s.minutes.toFixed(1)} min`,
    `killed ${s.killed}, errors (check never ran, not counted) ${s.errors}, timed out ${s.timedOut}, survived ${s.survived} (equivalent ${s.equivalent}, out of the contract ${s.outOfContract}, gaps ${s.gaps}, untriaged ${s.untriaged})`,
    `score among non-equivalent mutants: ${percent(s.score)}; without the out-of-contract ones: ${percent(s.scoreInContract)}`,
    `killed: median ${figure(s.medianSecondsToFailure, 's')} to the first failing run, ${figure(s.medianCheckSecondsKilled, 's')} per whole check --fail-fast; median shrunk counterexample ${s.medianShrunkEvents ?? '-'} events; dry run ${figure(s.dryRunSeconds, 's')}`,
  ];
  if (s.survivors.length > 0) lines.push('survivors:');
  for (const survivor of s.survivors)
    lines.push(
      `  ${survivor.verdict.padEnd(15)} ${survivor.key}${survivor.why ? `  (${survivor.why})` : ''}`,
    );
  return lines.join('\n');
}
