// The Informal Trace Format (ITF, ADR-015 of Apalache; read by Apalache, Quint and the `itf` crate):
// `#meta`, `vars`, and `states`, each state a record of every variable with `#meta.index`.
// Integers are `{"#bigint": "n"}`, sets `{"#set": [...]}`, maps `{"#map": [[k, v], ...]}`, tuples
// `{"#tup": [...]}`, sum types `{tag, value}` (Quint's Option for nullable fields). States: index 0
// before any event, index i + 1 after step i, holding the observable view (traces/render/timeline.ts),
// the step taken (`mbt::actionTaken`, `event`) and the rules broken so far.
import type { Trace } from '../../spec/trace.ts';
import { timeline, type View } from './timeline.ts';

export type ItfValue =
  | string
  | boolean
  | ItfValue[]
  | { '#bigint': string }
  | { '#set': ItfValue[] }
  | { '#map': [ItfValue, ItfValue][] }
  | { '#tup': ItfValue[] }
  | { [field: string]: ItfValue };

export const ITF_FORMAT_DESCRIPTION = 'https://apalache-mc.org/docs/adr/015adr-trace.html';

export const ITF_VARS = [
  'mbt::actionTaken',
  'step',
  'time_ms',
  'event',
  'groups',
  'owners',
  'committed',
  'high_watermark',
  'acked',
  'violated',
] as const;

const int = (value: number): ItfValue => ({ '#bigint': String(value) });
const set = (values: ItfValue[]): ItfValue => ({ '#set': values });
const none: ItfValue = { tag: 'None', value: { '#tup': [] } };
const option = (value: string | null): ItfValue => (value === null ? none : { tag: 'Some', value });

/** JSON (an event's fields) to ITF: numbers become big integers, arrays lists, objects records. */
export function toItfValue(value: unknown): ItfValue {
  if (typeof value === 'number') return int(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value === null || value === undefined) return none;
  if (Array.isArray(value)) return value.map(toItfValue);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, toItfValue(inner)]),
  );
}

/** `t-3` keys back to `(topic, partition)` tuples: the partition index is after the last dash. */
function partitionTuple(key: string): ItfValue {
  const at = key.lastIndexOf('-');
  return { '#tup': [key.slice(0, at), int(Number(key.slice(at + 1)))] };
}

function partitionMap<T>(record: Record<string, T>, convert: (value: T) => ItfValue): ItfValue {
  return { '#map': Object.entries(record).map(([key, value]) => [partitionTuple(key), convert(value)]) };
}

function viewVariables(view: View): Record<string, ItfValue> {
  return {
    time_ms: int(view.timeMs),
    groups: {
      '#map': Object.entries(view.groups).map(([group, entry]) => [
        group,
        {
          generation: int(entry.generation),
          state: entry.state,
          protocol: option(entry.protocol),
          leader: option(entry.leader),
          members: set(entry.members),
        },
      ]),
    },
    owners: partitionMap(view.owners, (clients) => set(clients)),
    committed: partitionMap(view.committed, int),
    high_watermark: partitionMap(view.highWatermark, int),
    acked: partitionMap(view.acked, (values) => values),
  };
}

export interface ItfTrace {
  '#meta': Record<string, string>;
  vars: string[];
  states: Record<string, ItfValue | { index: number }>[];
}

export function toItf(trace: Trace, source = 'kspec trace'): ItfTrace {
  const views = timeline(trace);
  const states = views.map((view, index) => {
    const step = index === 0 ? undefined : trace.steps[index - 1];
    const broken = trace.violation && index > trace.violation.step ? trace.violation.rules : [];
    const { type, ...fields } = step?.event ?? { type: 'init' };
    return {
      '#meta': { index },
      'mbt::actionTaken': type,
      step: int(index - 1),
      // A variant without payload carries the empty tuple, as Quint writes unit variants.
      event: {
        tag: type,
        value: step && Object.keys(fields).length > 0 ? toItfValue(fields) : { '#tup': [] },
      },
      ...viewVariables(view),
      violated: set([...broken]),
    } as Record<string, ItfValue | { index: number }>;
  });
  return {
    '#meta': {
      format: 'ITF',
      'format-description': ITF_FORMAT_DESCRIPTION,
      source,
      description: `kspec ${trace.kind} (trace format ${trace.version}, seed ${trace.seed}): ${trace.note}`,
    },
    vars: [...ITF_VARS],
    states,
  };
}

export function renderItf(trace: Trace, source?: string): string {
  return `${JSON.stringify(toItf(trace, source), null, 2)}\n`;
}
