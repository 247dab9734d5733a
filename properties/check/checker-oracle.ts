// An oracle made of kspec's checkers for `kspec replay` (traces/replay/replay.ts): the state
// invariants on each snapshot the system gives (when it can be inspected) and, at the end, the
// history checkers over the replayed run.
import { type Config, resolveConfig } from '../../spec/config.ts';
import type { Observation } from '../../spec/observations.ts';
import type { SystemState } from '../../spec/state.ts';
import type { Trace, TraceStep } from '../../spec/trace.ts';
import type { OracleVerdict, ReplayOracle } from '../../traces/replay/replay.ts';
import { checkHistory } from '../history/check-history.ts';
import type { HistoryStep } from '../history/history.ts';
import { STATE_INVARIANTS } from '../invariants/index.ts';
import { ruleIdsFor } from '../rules.ts';

class CheckerOracle implements ReplayOracle {
  readonly name = 'kspec checkers (state invariants, history checkers)';
  #config: Config = {};
  #steps: HistoryStep[] = [];
  #previous: SystemState | undefined;

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
    const violations = STATE_INVARIANTS.flatMap((invariant) => {
      const message = invariant.check(state, this.#previous, this.#config);
      return message === undefined
        ? []
        : [
            {
              rules: ruleIdsFor(invariant.name),
              property: invariant.name,
              message: `${invariant.name}: ${message}`,
            },
          ];
    });
    this.#previous = state;
    return { violations };
  }

  async finish(): Promise<OracleVerdict> {
    const { findings } = checkHistory({ config: this.#config, steps: this.#steps });
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

/** The checkers as a replay oracle. */
export async function checkerOracle(): Promise<ReplayOracle> {
  return new CheckerOracle();
}
