// The wire leg of the main job (issue 17 part 3): besides the suites against the in-process
// reference, the default `kspec check` runs every suite against `reference:wire`, the same
// reference cluster behind its Kafka wire handlers on loopback, played by the one client over the
// wire transport (properties/adapters/reference-wire). The model judges those answers as it judges
// the in-process ones, so what only the wire handlers compute (Metadata and FindCoordinator, the
// Fetch, ListOffsets and Produce answers, error codes on the wire, the group APIs at their versions)
// is checked by `npm start`. Broker faults and network partitions are not carried over the wire
// (the adapter does not offer them, so these runs never contain them); everything else is.
import { NOT_OVER_THE_WIRE } from '../adapters/reference-wire/reference-wire-system.ts';
import type { Task } from './plan.ts';
import type { TaskResult } from './task-result.ts';
import { WIRE_ADAPTER } from './wire-leg-plan.ts';

/** What the report says about the wire leg (`wire` in `--json`). */
export interface WireLegSummary {
  readonly adapter: typeof WIRE_ADAPTER;
  readonly suites: readonly string[];
  readonly runs: number;
  readonly events: number;
  /** Events whose answers were compared with the model. */
  readonly compared: number;
  /** Answers compared, per answer type (fetch-response, list-offsets-response, ...). */
  readonly answers: Readonly<Record<string, number>>;
  readonly seconds: number;
  readonly ok: boolean;
  /** Events the wire leg does not generate. */
  readonly notCovered: readonly string[];
}

export const isWireTask = (task: Task): boolean => task.kind === 'suite' && task.adapter === WIRE_ADAPTER;

export function wireLegSummary(results: readonly TaskResult[]): WireLegSummary | undefined {
  const wire = results.filter((r) => isWireTask(r.task));
  if (wire.length === 0) return undefined;
  const answers: Record<string, number> = {};
  for (const result of wire)
    for (const [key, row] of Object.entries(result.tally))
      if (key.startsWith('answer:')) answers[key.slice(7)] = (answers[key.slice(7)] ?? 0) + row.checked;
  return {
    adapter: WIRE_ADAPTER,
    suites: [...new Set(wire.map((r) => r.task.suite))],
    runs: wire.reduce((sum, r) => sum + r.runsDone, 0),
    events: wire.reduce((sum, r) => sum + r.events, 0),
    compared: wire.reduce((sum, r) => sum + (r.tally['lockstep-observation']?.checked ?? 0), 0),
    answers,
    seconds: wire.reduce((sum, r) => sum + r.seconds, 0),
    ok: wire.every((r) => !r.failed && !r.crash),
    notCovered: [...NOT_OVER_THE_WIRE],
  };
}

/** One line for the text report. */
export function formatWireLeg(summary: WireLegSummary): string {
  const answers = Object.entries(summary.answers)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([type, n]) => `${type.replace(/-response$/, '')} ${n}`)
    .join(', ');
  return [
    `Wire path (${summary.adapter}: the reference behind its Kafka wire handlers on loopback, compared with the model): ${summary.ok ? 'ok' : 'VIOLATION'}`,
    `  ${summary.suites.length} suites, ${summary.runs} runs, ${summary.events} events, ${summary.compared} compared, ${summary.seconds.toFixed(1)} s`,
    `  answers compared: ${answers}`,
    `  not over the wire: ${summary.notCovered.join(', ')}`,
  ].join('\n');
}
