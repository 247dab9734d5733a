// Comparing what a system answered to one event against what the trace says: its expectations
// (hand-written scenarios: only the fields given are asserted) or its recorded answers (a
// counterexample: the same answers mean the same behaviour). Ids a system chooses itself
// (`memberId`) never take part, since two systems legitimately pick different ones.
import type { Observation } from '../../spec/observations.ts';
import type { ExpectedObservation, TraceStep } from '../../spec/trace.ts';
import { describeExpected, describeObservation } from '../render/describe.ts';

export type DivergenceKind = 'expected-missing' | 'recorded-missing' | 'unrecorded' | 'oracle';

export interface Divergence {
  readonly seq: number;
  readonly kind: DivergenceKind;
  readonly message: string;
  /** The expected or recorded answer that was not seen (absent for `unrecorded`). */
  readonly wanted?: unknown;
  /** What the system answered at this step. */
  readonly actual: readonly Observation[];
}

/** Fields a system chooses itself; compared by neither matcher. */
const SYSTEM_CHOSEN = new Set(['memberId']);

/**
 * Arrays whose order carries no meaning: a JoinGroup leader's and a DescribeGroups member list, and
 * an OffsetFetch of every committed partition, come in the coordinator's map order, which Kafka
 * leaves unspecified (GC-22, GC-31, OC-9).
 */
const UNORDERED = new Set(['members', 'offsets']);

/**
 * Whether `actual` has every field of `expected` with the same value; nested objects the same way,
 * arrays element by element with equal length (`members` and `offsets` lists in any order, each expected item
 * matching a distinct actual one). Fields absent from `expected` are not compared.
 */
export function matchesExpected(expected: unknown, actual: unknown, unordered = false): boolean {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    if (!unordered) return expected.every((item, i) => matchesExpected(item, actual[i]));
    const left = [...actual];
    return expected.every((item) => {
      const index = left.findIndex((candidate) => matchesExpected(item, candidate));
      return index >= 0 && left.splice(index, 1).length === 1;
    });
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(expected).every(
      ([key, value]) =>
        key in actual && matchesExpected(value, (actual as Record<string, unknown>)[key], UNORDERED.has(key)),
    );
  }
  return expected === actual;
}

/** A canonical text of an observation without system-chosen ids: equal texts, equal answers. */
export function canonical(value: unknown): string {
  return canonicalOf(value, false);
}

function canonicalOf(value: unknown, unordered: boolean): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonicalOf(item, false));
    return `[${(unordered ? items.sort() : items).join(',')}]`;
  }
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((key) => !SYSTEM_CHOSEN.has(key))
      .sort()
      .map(
        (key) =>
          `${JSON.stringify(key)}:${canonicalOf((value as Record<string, unknown>)[key], UNORDERED.has(key))}`,
      )
      .join(',')}}`;
  return JSON.stringify(value);
}

const shown = (actual: readonly Observation[]) =>
  actual.length === 0 ? 'nothing' : actual.map((o) => `${o.type}: ${describeObservation(o)}`).join('; ');

/**
 * Each expectation of a step must match a distinct answer given by then: at this step or at an
 * earlier one, not claimed by an earlier expectation. So a scenario states "by this step, these
 * answers came" without depending on which event released a parked answer. `unclaimed` holds the
 * answers no expectation has matched yet; matched ones are taken out of it.
 */
export function claimExpected(
  seq: number,
  expected: readonly ExpectedObservation[],
  unclaimed: Observation[],
  actual: readonly Observation[],
): Divergence[] {
  const found: Divergence[] = [];
  for (const wanted of expected) {
    const index = unclaimed.findIndex((observation) => matchesExpected(wanted, observation));
    if (index >= 0) unclaimed.splice(index, 1);
    else
      found.push({
        seq,
        kind: 'expected-missing',
        message: `expected ${describeExpected(wanted)}, got ${shown(actual)}`,
        wanted,
        actual,
      });
  }
  return found;
}

/** Positions in `from` of the texts left after taking out one occurrence of each text of `minus`. */
function leftOver(from: readonly string[], minus: readonly string[]): number[] {
  const pool = [...minus];
  return from.flatMap((text, index) => {
    const at = pool.indexOf(text);
    if (at < 0) return [index];
    pool.splice(at, 1);
    return [];
  });
}

/** The recorded answers and the actual ones must be the same multiset (order of late answers aside). */
function recordedDivergences(
  seq: number,
  recorded: readonly Observation[],
  actual: readonly Observation[],
): Divergence[] {
  const recordedTexts = recorded.map(canonical);
  const actualTexts = actual.map(canonical);
  const missing = leftOver(recordedTexts, actualTexts).map((index): Divergence => {
    const observation = recorded[index]!;
    return {
      seq,
      kind: 'recorded-missing',
      message: `recorded ${observation.type}: ${describeObservation(observation)}; now ${shown(actual)}`,
      wanted: observation,
      actual,
    };
  });
  const extra = leftOver(actualTexts, recordedTexts).map((index): Divergence => {
    const observation = actual[index]!;
    return {
      seq,
      kind: 'unrecorded',
      message: `new answer ${observation.type}: ${describeObservation(observation)}`,
      actual,
    };
  });
  return [...missing, ...extra];
}

/**
 * Compares a run step by step. Expectations are always checked; recorded answers only for a
 * counterexample (a scenario's recorded answers are illustration; its expectations are what it requires).
 */
export class StepComparator {
  readonly #unclaimed: Observation[] = [];
  constructor(readonly kind: 'counterexample' | 'scenario') {}

  compare(step: TraceStep, actual: readonly Observation[]): Divergence[] {
    this.#unclaimed.push(...actual);
    const found = step.expected ? claimExpected(step.seq, step.expected, this.#unclaimed, actual) : [];
    if (this.kind === 'counterexample' && step.observations)
      found.push(...recordedDivergences(step.seq, step.observations, actual));
    return found;
  }
}
