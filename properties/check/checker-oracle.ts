// An oracle made of kspec's checkers (properties/): the state invariants on each snapshot the
// system gives (when it can be inspected) and, at the end, the history checkers over the replayed
// run. Loaded lazily and only if present, so traces/ works without properties/ and without a
// static dependency on its internals; the few shapes used are declared here.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Config, resolveConfig } from '../../spec/config.ts';
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { SystemState } from '../../spec/state.ts';
import type { Trace, TraceStep } from '../../spec/trace.ts';
import type { OracleVerdict, ReplayOracle } from './replay.ts';

interface HistoryStep {
  seq: number;
  timeMs: number;
  event: Event;
  observations: readonly Observation[];
  phase: 'run' | 'final';
  state?: SystemState;
}
interface Finding {
  property: string;
  rules: readonly string[];
  severity: 'violation' | 'report';
  message: string;
  step: number;
}
interface CheckerModules {
  checkHistory(history: { config: Config; steps: readonly HistoryStep[] }): { findings: readonly Finding[] };
  invariants: readonly {
    name: string;
    check(current: SystemState, previous: SystemState | undefined, config: Config): string | undefined;
  }[];
  rulesOf(property: string): readonly string[];
}

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const CHECK_HISTORY = here('../../properties/history/check-history.ts');
const INVARIANTS = here('../../properties/invariants/index.ts');
const RULES = here('../../properties/rules.ts');

async function loadCheckers(): Promise<CheckerModules | undefined> {
  if (![CHECK_HISTORY, INVARIANTS, RULES].every((path) => existsSync(path))) return undefined;
  const history = (await import(pathToFileURL(CHECK_HISTORY).href)) as Partial<CheckerModules>;
  const invariants = (await import(pathToFileURL(INVARIANTS).href)) as {
    STATE_INVARIANTS?: CheckerModules['invariants'];
  };
  const rules = (await import(pathToFileURL(RULES).href)) as {
    PROPERTIES?: Record<string, { rules: readonly string[] }>;
  };
  if (typeof history.checkHistory !== 'function' || !invariants.STATE_INVARIANTS || !rules.PROPERTIES)
    return undefined;
  const properties = rules.PROPERTIES;
  return {
    checkHistory: history.checkHistory,
    invariants: invariants.STATE_INVARIANTS,
    rulesOf: (property) => properties[property]?.rules ?? [],
  };
}

class CheckerOracle implements ReplayOracle {
  readonly name = 'kspec checkers (state invariants, history checkers)';
  #config: Config = {};
  #steps: HistoryStep[] = [];
  #previous: SystemState | undefined;

  constructor(private readonly checkers: CheckerModules) {}

  async reset(trace: Trace): Promise<void> {
    this.#config = resolveConfig(trace.config);
    this.#steps = [];
    this.#previous = undefined;
  }

  async step(step: TraceStep, actual: readonly Observation[], state?: SystemState): Promise<OracleVerdict> {
    this.#steps.push({
      seq: step.seq,
      timeMs: step.timeMs,
      event: step.event,
      observations: actual,
      phase: step.phase ?? 'run',
      ...(state ? { state } : {}),
    });
    if (!state) return {};
    const violations = this.checkers.invariants.flatMap((invariant) => {
      const message = invariant.check(state, this.#previous, this.#config);
      return message === undefined
        ? []
        : [
            {
              rules: this.checkers.rulesOf(invariant.name),
              property: invariant.name,
              message: `${invariant.name}: ${message}`,
            },
          ];
    });
    this.#previous = state;
    return { violations };
  }

  async finish(): Promise<OracleVerdict> {
    const { findings } = this.checkers.checkHistory({ config: this.#config, steps: this.#steps });
    return {
      violations: findings
        .filter((finding) => finding.severity === 'violation')
        .map((finding) => ({
          rules: finding.rules,
          property: finding.property,
          message: `${finding.property}: ${finding.message} (step ${finding.step})`,
        })),
    };
  }
}

/** The checkers as a replay oracle, or undefined when properties/ does not provide them. */
export async function checkerOracle(): Promise<ReplayOracle | undefined> {
  const checkers = await loadCheckers();
  return checkers ? new CheckerOracle(checkers) : undefined;
}
