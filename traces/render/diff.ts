// A lockstep mismatch as fields, not JSON blobs: the model's and the system's answers at the
// violating step (trace `violation.mismatch`) are paired by type, recipient and request, and each
// pair reduced to the fields that differ (`partitions[0].error: ILLEGAL_GENERATION vs NONE`).
// Compared as the checker compares (properties/lockstep/compare.ts): member ids are the system's
// own and ignored, member lists are unordered.
import type { Observation } from '../../spec/observations.ts';
import type { Trace } from '../../spec/trace.ts';
import { describeObservation, recipientOf } from './describe.ts';

export interface FieldDifference {
  /** Which answer: recipient, type and the request it answers (`c1 commit-response to #27`). */
  readonly answer: string;
  /** A path into the answer (`partitions[0].error`), or `(answer)` when one side has no such answer. */
  readonly field: string;
  readonly model: string;
  readonly system: string;
}

const IGNORED = new Set(['memberId']);
const UNORDERED = new Set(['members']);

function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !IGNORED.has(key))
        .map(([key, inner]) => {
          const clean = normalized(inner);
          return [
            key,
            UNORDERED.has(key) && Array.isArray(clean)
              ? [...clean].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
              : clean,
          ];
        }),
    );
  return value;
}

/** Every leaf of a JSON value by path; an empty array or object is a leaf of its own. */
function leaves(value: unknown, path: string, into: Map<string, string>): Map<string, string> {
  if (Array.isArray(value) && value.length > 0)
    value.forEach((item, index) => {
      leaves(item, `${path}[${index}]`, into);
    });
  else if (value && typeof value === 'object' && Object.keys(value).length > 0)
    for (const [key, inner] of Object.entries(value)) leaves(inner, path ? `${path}.${key}` : key, into);
  else into.set(path, typeof value === 'string' ? value : JSON.stringify(value));
  return into;
}

const keyOf = (o: Observation) => `${o.type}|${recipientOf(o) ?? 'env'}|${o.request}`;
const labelOf = (o: Observation) => `${recipientOf(o) ?? 'env'} ${o.type} to #${o.request}`;

function fieldsOf(model: Observation, system: Observation): FieldDifference[] {
  const want = leaves(normalized(model), '', new Map());
  const got = leaves(normalized(system), '', new Map());
  const paths = [...new Set([...want.keys(), ...got.keys()])];
  return paths
    .filter((path) => want.get(path) !== got.get(path))
    .map((path) => ({
      answer: labelOf(model),
      field: path,
      model: want.get(path) ?? '(absent)',
      system: got.get(path) ?? '(absent)',
    }));
}

/** The differing fields of each answer pair, then answers only one side gave. */
export function answerDifferences(
  model: readonly Observation[],
  system: readonly Observation[],
): FieldDifference[] {
  const unmatched = [...system];
  const differences: FieldDifference[] = [];
  for (const answer of model) {
    const index = unmatched.findIndex((other) => keyOf(other) === keyOf(answer));
    if (index < 0) {
      differences.push({
        answer: labelOf(answer),
        field: '(answer)',
        model: describeObservation(answer),
        system: '(none)',
      });
      continue;
    }
    const [other] = unmatched.splice(index, 1);
    differences.push(...fieldsOf(answer, other!));
  }
  for (const answer of unmatched)
    differences.push({
      answer: labelOf(answer),
      field: '(answer)',
      model: '(none)',
      system: describeObservation(answer),
    });
  return differences;
}

/** One line for the header: where the answers differ. */
export function mismatchSummary(differences: readonly FieldDifference[]): string {
  if (differences.length === 0) return 'the answers differ only in order or count';
  const fields = [...new Set(differences.map((difference) => difference.field))];
  return `the system's answer differs from the model's in ${fields.slice(0, 4).join(', ')}${fields.length > 4 ? ` and ${fields.length - 4} more` : ''}`;
}

/** A mismatch message without its JSON: the event, then which fields differ (the data stays in the trace). */
export function mismatchMessage(
  message: string,
  mismatch: { readonly model: readonly Observation[]; readonly system: readonly Observation[] },
): string {
  const event = message.split(': model answered')[0]!.split(': system answered')[0]!;
  return `${event}: ${mismatchSummary(answerDifferences(mismatch.model, mismatch.system))}`;
}

/** The violation's message; for a mismatch, which fields differ. */
export function violationMessage(trace: Trace): string {
  const violation = trace.violation;
  if (!violation) return '';
  return violation.mismatch ? mismatchMessage(violation.message, violation.mismatch) : violation.message;
}
