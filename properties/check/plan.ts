// What a `kspec check` invocation runs, as a list of independent tasks, each with its own seed
// derived from the run's seed: the suites (under one profile) and the rows of the no-loss matrix.
// Independent tasks are what --jobs spreads over processes and --shard slices between machines.
import { FLIPS } from '../profiles.ts';
import { SUITES } from '../suites/index.ts';
import { wireLegDrafts } from './wire-leg-plan.ts';

export type Task =
  | {
      readonly id: number;
      readonly kind: 'suite' | 'matrix';
      readonly suite: string;
      readonly profile: string;
      readonly seed: number;
      readonly numRuns: number;
      readonly path?: string;
      readonly replayPath?: string;
      readonly steer?: string;
      /** The adapter of this task when not the invocation's (the wire leg: reference:wire). */
      readonly adapter?: string;
    }
  | {
      readonly id: number;
      readonly kind: 'availability';
      readonly suite: 'availability';
      readonly profile: string;
      readonly seed: number;
      readonly numRuns: 1;
    };

export interface PlanOptions {
  readonly seed: number;
  readonly suites: readonly string[];
  readonly profile: string;
  readonly runs: number;
  /** Most runs per flip row (a row stops at its first catch). */
  readonly matrixRuns: number;
  /** Runs of each safe-profile matrix row (which must find nothing, so always run in full). */
  readonly safeMatrixRuns: number;
  readonly matrix: boolean;
  readonly matrixOnly: boolean;
  /** Only the matrix rows of this profile (`check --matrix --profile X`); every row when absent. */
  readonly matrixProfile?: string;
  /** Deep runs repeat every task with this many derived seeds. */
  readonly rounds: number;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly path?: string;
  readonly replayPath?: string;
  /** Replay of a swarm suite: the steering printed with the failure. */
  readonly steer?: string;
  /** Also run every suite against the reference over the Kafka wire (check/wire-leg.ts). */
  readonly wire?: boolean;
  /** The system is not kspec's reference: the matrix leaves out rows of kspec-only switches. */
  readonly foreign?: boolean;
}

/** A 32-bit seed for one task, a pure function of the run's seed and the task's identity. */
export function deriveSeed(seed: number, ...parts: (string | number)[]): number {
  let hash = (seed ^ 0x9e3779b9) >>> 0;
  for (const char of parts.join('|')) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    hash ^= hash >>> 15;
  }
  return hash >>> 0;
}

export function planTasks(options: PlanOptions): Task[] {
  type Draft =
    | Omit<Extract<Task, { kind: 'suite' | 'matrix' }>, 'id'>
    | Omit<Extract<Task, { kind: 'availability' }>, 'id'>;
  const drafts: Draft[] = [];
  const replay = options.path !== undefined;
  for (let round = 0; round < options.rounds; round++) {
    const seedFor = (...parts: string[]) =>
      replay ? options.seed : deriveSeed(options.seed, round, ...parts);
    const replayFields = replay
      ? {
          path: options.path!,
          ...(options.replayPath ? { replayPath: options.replayPath } : {}),
          ...(options.steer ? { steer: options.steer } : {}),
        }
      : {};
    if (!options.matrixOnly)
      for (const suite of options.suites)
        drafts.push({
          kind: 'suite',
          suite,
          profile: options.profile,
          seed: seedFor(suite, options.profile),
          numRuns: options.runs,
          ...replayFields,
        });
    if (options.wire && !options.matrixOnly) drafts.push(...wireLegDrafts(seedFor, options.profile));
    if (options.matrix || options.matrixOnly) {
      for (const suite of ['no-loss-producer', 'no-loss-consumer'])
        drafts.push({
          kind: 'matrix',
          suite,
          profile: 'safe',
          seed: seedFor(suite, 'safe'),
          numRuns: options.safeMatrixRuns,
        });
      for (const flip of FLIPS) {
        if (flip.kspecOnly && options.foreign) continue;
        const suite = flip.side === 'consumer' ? 'no-loss-consumer' : 'no-loss-producer';
        drafts.push({
          kind: 'matrix',
          suite,
          profile: flip.name,
          seed: seedFor(suite, flip.name),
          numRuns: options.matrixRuns,
        });
      }
      if (round === 0)
        drafts.push({
          kind: 'availability',
          suite: 'availability',
          profile: 'rf-equals-min-insync',
          seed: options.seed,
          numRuns: 1,
        });
    }
  }
  const kept =
    options.matrixProfile === undefined
      ? drafts
      : drafts.filter((draft) => draft.kind === 'suite' || draft.profile === options.matrixProfile);
  const tasks = kept.map((draft, id) => ({ ...draft, id }) as Task);
  if (!options.shard) return tasks;
  const { index, count } = options.shard;
  return tasks.filter((task) => task.id % count === index - 1);
}

export const SUITE_NAMES = SUITES.map((suite) => suite.name);
