// Comparing what the system answered with what the oracle (the model) answered. Exact where Kafka
// is deterministic; fields the system chooses freely (member ids) are ignored; where Kafka leaves a
// choice open (which member leads after the leader leaves), an oracle may accept any allowed value
// through `allows`, and then follows the system's choice.
import type { Observation } from '../../spec/observations.ts';

export interface ComparisonPolicy {
  /** Field names dropped from both sides before comparing, at any depth. */
  readonly ignoreFields: readonly string[];
  /** Observation types not compared at all. */
  readonly ignoreTypes: readonly Observation['type'][];
  /** Field names whose arrays are compared as multisets (their order carries no meaning), at any depth. */
  readonly unorderedFields?: readonly string[];
}

/**
 * Member ids are the system's own; a JoinGroup leader's and a DescribeGroups member list, and an
 * OffsetFetch of every committed partition, come in the coordinator's map order, which Kafka leaves
 * unspecified (GC-22, GC-31, OC-9).
 */
export const DEFAULT_POLICY: ComparisonPolicy = {
  ignoreFields: ['memberId'],
  ignoreTypes: ['unsupported'],
  unorderedFields: ['members', 'offsets'],
};

function strip(value: unknown, ignore: ReadonlySet<string>, unordered: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => strip(item, ignore, unordered));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !ignore.has(key))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, inner]) => {
          const stripped = strip(inner, ignore, unordered);
          return [key, unordered.has(key) && Array.isArray(stripped) ? sortedByJson(stripped) : stripped];
        }),
    );
  return value;
}

function sortedByJson(items: unknown[]): unknown[] {
  return items
    .map((item) => [JSON.stringify(item), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);
}

/** Observations in a canonical order and form, as JSON lines. */
export function normalize(
  observations: readonly Observation[],
  policy: ComparisonPolicy = DEFAULT_POLICY,
): string[] {
  const ignore = new Set(policy.ignoreFields);
  const unordered = new Set(policy.unorderedFields ?? []);
  return observations
    .filter((o) => !policy.ignoreTypes.includes(o.type))
    .map((o) => JSON.stringify(strip(o, ignore, unordered)))
    .sort();
}

export interface Mismatch {
  readonly expected: readonly string[];
  readonly actual: readonly string[];
  readonly message: string;
}

export function compareObservations(
  expected: readonly Observation[],
  actual: readonly Observation[],
  policy: ComparisonPolicy = DEFAULT_POLICY,
): Mismatch | undefined {
  const want = normalize(expected, policy);
  const got = normalize(actual, policy);
  if (want.length === got.length && want.every((line, i) => line === got[i])) return undefined;
  const missing = want.filter((line) => !got.includes(line));
  const extra = got.filter((line) => !want.includes(line));
  const message = [
    ...missing.slice(0, 3).map((line) => `model answered ${line}`),
    ...extra.slice(0, 3).map((line) => `system answered ${line}`),
  ].join('; ');
  return { expected: want, actual: got, message: message || 'answers differ in count' };
}
