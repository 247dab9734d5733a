// Text and JSON renderings of an exploration result for `kspec explore`.
import type { ExploreResult } from './explore.ts';

export interface ExploreReportContext {
  readonly model: string;
  /** The bounds and sizes the run used (members, partitions, replicas, writes, depth, maxStates). */
  readonly bounds: Readonly<Record<string, number | string | undefined>>;
  /** The settings given with --config (by Kafka name). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Process CPU seconds the exploration used (steadier than wall time on a shared machine), if measured. */
  readonly cpuSeconds?: number;
  /** Worker threads that stepped the model (`--jobs`); 1 when the search ran in one thread. */
  readonly jobs?: number;
}

export function exploreJson(result: ExploreResult, context: ExploreReportContext): Record<string, unknown> {
  return {
    model: context.model,
    bounds: context.bounds,
    config: context.config,
    states: result.states,
    transitions: result.transitions,
    depth: result.depth,
    exhausted: result.exhausted,
    stoppedBy: result.stoppedBy,
    seconds: result.seconds,
    jobs: context.jobs ?? 1,
    statesPerSecond: result.statesPerSecond,
    ...(context.cpuSeconds === undefined
      ? {}
      : {
          cpuSeconds: context.cpuSeconds,
          statesPerCpuSecond: context.cpuSeconds > 0 ? result.states / context.cpuSeconds : 0,
        }),
    transitionsPerSecond: result.seconds > 0 ? result.transitions / result.seconds : 0,
    coverage: result.coverage,
    violations: result.violations.map((violation) => ({
      invariant: violation.invariant,
      rules: violation.rules,
      rule: violation.rules,
      message: violation.message,
      depth: violation.depth,
      trace: violation.trace.map((step) => step.event),
      traceStates: violation.trace.map((step) => step.state),
    })),
  };
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');

export function exploreText(result: ExploreResult, context: ExploreReportContext): string {
  const lines: string[] = [];
  const bounds = Object.entries(context.bounds)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  const config = Object.entries(context.config)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  lines.push(`model ${context.model} (${bounds})${config ? ` with ${config}` : ''}`);
  const ending = result.exhausted
    ? 'exhausted: every reachable state checked'
    : `stopped by the ${result.stoppedBy} bound`;
  lines.push(
    `states ${count(result.states)}, transitions ${count(result.transitions)}, depth ${result.depth} (${ending})`,
  );
  const cpu =
    context.cpuSeconds === undefined
      ? ''
      : ` (CPU ${context.cpuSeconds.toFixed(2)} s, ${count(context.cpuSeconds > 0 ? result.states / context.cpuSeconds : 0)} states per CPU second)`;
  const jobs = (context.jobs ?? 1) > 1 ? ` on ${context.jobs} worker threads` : '';
  lines.push(
    `time ${result.seconds.toFixed(2)} s${jobs}, ${count(result.statesPerSecond)} states/s, ${count(result.seconds > 0 ? result.transitions / result.seconds : 0)} transitions/s${cpu}`,
  );
  const { states, transitions } = result.coverage;
  lines.push(
    `coverage: machine states ${states.visited}/${states.total}, transitions ${transitions.visited}/${transitions.total}`,
  );
  const machines = Object.entries(result.coverage.machines).filter(([, figures]) => figures.states.total > 0);
  if (machines.length > 1)
    for (const [machine, figures] of machines)
      lines.push(
        `  ${machine}: states ${figures.states.visited}/${figures.states.total}, transitions ${figures.transitions.visited}/${figures.transitions.total}`,
      );
  for (const missing of [...states.missing, ...transitions.missing])
    lines.push(`  never reached: ${missing}`);
  if (result.violations.length === 0) {
    lines.push('violations: none');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`violations: ${result.violations.length}`);
  for (const violation of result.violations) {
    lines.push(`- ${violation.rules.join(' ')} ${violation.invariant}: ${violation.message}`);
    lines.push(`  shortest trace (${violation.trace.length} steps):`);
    for (const [index, step] of violation.trace.entries()) lines.push(`    ${index + 1}. ${step.event}`);
  }
  return `${lines.join('\n')}\n`;
}
