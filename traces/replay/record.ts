// A replayed trace written down with the answers this replay got, so a hand-written scenario can be
// rendered with real answers, or a counterexample re-recorded against another system.
import type { Trace } from '../../spec/trace.ts';
import type { ReplayResult } from './replay.ts';

export function recordedTrace(trace: Trace, result: ReplayResult, adapter: string): Trace {
  return {
    ...trace,
    adapter,
    steps: trace.steps.map((step, index) => ({
      ...step,
      observations: [...(result.steps[index]?.actual ?? [])],
    })),
  };
}
