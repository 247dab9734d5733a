// How a replay is told: event by event where the system diverged, then the verdict; or as JSON.
import type { Trace } from '../../spec/trace.ts';
import { describeEvent } from '../render/describe.ts';
import type { ReplayResult } from './replay.ts';

const HEADLINE: Record<ReplayResult['verdict'], string> = {
  conforms: 'CONFORMS',
  violated: 'VIOLATED',
  reproduced: 'REPRODUCED',
  'not-reproduced': 'NOT REPRODUCED',
};

export function replayText(file: string, adapter: string, trace: Trace, result: ReplayResult): string {
  const lines = [
    `replay ${file} (${trace.kind}, ${trace.steps.length} steps) against ${adapter}${result.oracle ? ` with ${result.oracle}` : ''}`,
  ];
  for (const step of result.steps) {
    if (step.divergences.length === 0 && step.violations.length === 0) continue;
    const event = trace.steps[step.seq]!.event;
    lines.push(`  step ${step.seq} (t=${trace.steps[step.seq]!.timeMs} ms) ${describeEvent(event)}`);
    for (const divergence of step.divergences) lines.push(`    ${divergence.kind}: ${divergence.message}`);
    for (const violation of step.violations)
      lines.push(`    broken ${violation.rules.join(', ')}: ${violation.message}`);
  }
  lines.push(`${HEADLINE[result.verdict]}: ${result.summary}`);
  return `${lines.join('\n')}\n`;
}

export function replayJson(file: string, adapter: string, result: ReplayResult) {
  return {
    file,
    adapter,
    oracle: result.oracle,
    verdict: result.verdict,
    summary: result.summary,
    firstDivergence: result.firstDivergence ?? null,
    divergentSteps: result.steps
      .filter((step) => step.divergences.length > 0 || step.violations.length > 0)
      .map((step) => ({
        seq: step.seq,
        divergences: step.divergences,
        violations: step.violations,
        actual: step.actual,
      })),
  };
}
