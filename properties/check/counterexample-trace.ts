// Turns a failed suite outcome into a counterexample trace (spec/trace.ts) and writes it with the
// traces module's writer. Snapshots are kept as digests (sha256 of the snapshot JSON), with the full
// snapshot only at the failing step, so traces stay small.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Trace } from '../../spec/trace.ts';
import { createTrace, writeTrace } from '../../traces/export.ts';
import type { SuiteOutcome } from './run-suite.ts';

export function counterexampleTrace(outcome: SuiteOutcome): Trace | undefined {
  if (!outcome.failed || !outcome.history) return undefined;
  const findings = (outcome.findings ?? []).filter((f) => f.severity === 'violation');
  const first = findings[0];
  if (!first) return undefined;
  const rules = [...new Set(findings.flatMap((f) => f.rules))].filter((id) => /^[A-Z]{2}-\d+$/.test(id));
  const steps = outcome.history.steps.map((step) => ({
    event: step.event,
    observations: [...step.observations],
    ...(step.phase === 'final' ? { phase: 'final' as const } : {}),
    ...(step.state
      ? {
          state: {
            digest: createHash('sha256').update(JSON.stringify(step.state)).digest('hex').slice(0, 16),
            ...(step.seq === first.step ? { snapshot: step.state } : {}),
          },
        }
      : {}),
  }));
  return createTrace({
    kind: 'counterexample',
    note: `${first.property}: ${first.message}`.slice(0, 500),
    adapter: outcome.adapter,
    config: { ...outcome.config },
    profile: outcome.profile,
    seed: outcome.seed,
    systemSeed: outcome.systemSeed,
    ...(outcome.path ? { path: outcome.path } : {}),
    ...(outcome.replayPath ? { replayPath: outcome.replayPath } : {}),
    steps,
    violation: {
      rules: rules.length > 0 ? rules : ['GC-1'],
      message: findings
        .map((f) => `${f.property}: ${f.message}`)
        .join('\n')
        .slice(0, 4000),
      step: Math.min(first.step, outcome.history.steps.length - 1),
      property: first.property,
    },
  });
}

/** Writes the counterexample trace of a failed outcome into `directory`; returns its path. */
export function writeCounterexample(directory: string, outcome: SuiteOutcome): string | undefined {
  const trace = counterexampleTrace(outcome);
  if (!trace) return undefined;
  // The writer names files by rule and seed; a folder per suite and profile keeps them apart.
  return writeTrace(join(directory, `${outcome.suite}-${outcome.profile}`), trace);
}
