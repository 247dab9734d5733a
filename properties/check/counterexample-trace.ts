// Turns a failed suite outcome into a counterexample trace (spec/trace.ts) and writes it with the
// traces module's writer. Every step keeps a digest of its snapshot (sha256 of the snapshot JSON);
// the full snapshot is kept where the state changed and at the failing step, so a renderer can show
// each step's leader, ISR, LEO and HW while unchanged steps cost a digest. A lockstep mismatch keeps
// the compared answers (`violation.mismatch`) for a field-level diff.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Trace } from '../../spec/trace.ts';
import { createTrace, writeTrace } from '../../traces/export.ts';
import { mismatchMessage } from '../../traces/render/diff.ts';
import type { SuiteOutcome } from './run-suite.ts';

export function counterexampleTrace(outcome: SuiteOutcome): Trace | undefined {
  if (!outcome.failed || !outcome.history) return undefined;
  const findings = (outcome.findings ?? []).filter((f) => f.severity === 'violation');
  const first = findings[0];
  if (!first) return undefined;
  const rules = [...new Set(findings.flatMap((f) => f.rules))].filter((id) => /^[A-Z]{2}-\d+$/.test(id));
  let previousDigest = '';
  const steps = outcome.history.steps.map((step) => {
    const digest = step.state
      ? createHash('sha256').update(JSON.stringify(step.state)).digest('hex').slice(0, 16)
      : '';
    const keep = step.state !== undefined && (digest !== previousDigest || step.seq === first.step);
    if (step.state) previousDigest = digest;
    return {
      event: step.event,
      observations: [...step.observations],
      ...(step.phase === 'final' ? { phase: 'final' as const } : {}),
      ...(step.state ? { state: { digest, ...(keep ? { snapshot: step.state } : {}) } } : {}),
    };
  });
  return createTrace({
    kind: 'counterexample',
    note: clipAtWord(
      `${first.property}: ${first.mismatch ? mismatchMessage(first.message, first.mismatch) : first.message}`,
      500,
    ),
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
      ...(first.mismatch
        ? { mismatch: { model: [...first.mismatch.model], system: [...first.mismatch.system] } }
        : {}),
    },
  });
}

/** At most `limit` characters, cut at a space and marked with an ellipsis, never mid-word. */
function clipAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf(' ', limit - 1);
  return `${text.slice(0, cut > limit / 2 ? cut : limit - 1)}…`;
}

/** Writes the counterexample trace of a failed outcome into `directory`; returns its path. */
export function writeCounterexample(directory: string, outcome: SuiteOutcome): string | undefined {
  const trace = counterexampleTrace(outcome);
  if (!trace) return undefined;
  // The writer names files by rule and seed; a folder per suite and profile keeps them apart.
  return writeTrace(join(directory, `${outcome.suite}-${outcome.profile}`), trace);
}
