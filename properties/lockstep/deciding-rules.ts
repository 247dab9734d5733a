// Which rule decides the field where the system's answer differs from the model's, so that a
// lockstep finding names that rule (GC-5 for an INVALID_SESSION_TIMEOUT the system did not give)
// rather than every rule that can shape a JoinGroup answer. Answers are paired by type and request;
// the error code decides first (the rule that refuses with it), then the other fields; an answer on
// one side only is its error's rule. Where no narrower rule is known (no error, or an error no rule
// here names), the answer type's whole list stands: a finding then names more rules, never a wrong one.
import type { Observation } from '../../spec/observations.ts';

type Answer = Record<string, unknown> & { type: Observation['type'] };

/** Per answer type: the rules behind each error code, and behind each other field. */
interface Deciders {
  readonly errors: Readonly<Record<string, readonly string[]>>;
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

const DECIDERS: Partial<Record<Observation['type'], Deciders>> = {
  'join-response': {
    errors: {
      INVALID_SESSION_TIMEOUT: ['GC-5'],
      UNKNOWN_MEMBER_ID: ['GC-6', 'GC-12'],
      GROUP_MAX_SIZE_REACHED: ['GC-7'],
      INCONSISTENT_GROUP_PROTOCOL: ['GC-9'],
      MEMBER_ID_REQUIRED: ['GC-10'],
      FENCED_INSTANCE_ID: ['GC-12'],
      NOT_COORDINATOR: ['GC-32'],
    },
    fields: { generation: ['GC-22'], leader: ['GC-22'], members: ['GC-22'], protocol: ['GC-21'] },
  },
  'sync-response': {
    errors: {
      UNKNOWN_MEMBER_ID: ['GC-24'],
      ILLEGAL_GENERATION: ['GC-24'],
      REBALANCE_IN_PROGRESS: ['GC-24'],
      COORDINATOR_NOT_AVAILABLE: ['GC-24'],
      INCONSISTENT_GROUP_PROTOCOL: ['GC-24'],
      NOT_COORDINATOR: ['GC-32'],
    },
    fields: { assignment: ['GC-25'] },
  },
  'produce-response': {
    errors: {
      INVALID_RECORD: ['LG-1'],
      CORRUPT_MESSAGE: ['LG-1'],
      UNKNOWN_SERVER_ERROR: ['LG-1'],
    },
    fields: {},
  },
  'list-offsets-response': {
    errors: { OFFSET_NOT_AVAILABLE: ['RP-24'] },
    fields: { timestamp: ['LG-7'] },
  },
  'commit-response': {
    errors: {
      GROUP_ID_NOT_FOUND: ['OC-1'],
      ILLEGAL_GENERATION: ['OC-1', 'OC-4'],
      UNKNOWN_MEMBER_ID: ['OC-4', 'OC-5'],
      REBALANCE_IN_PROGRESS: ['OC-6'],
      OFFSET_METADATA_TOO_LARGE: ['OC-7'],
    },
    fields: {},
  },
};

/** The error codes an answer carries: its own, or its partitions' (commits). */
function errorsOf(answer: Answer): string[] {
  if (typeof answer.error === 'string') return [answer.error];
  const partitions = answer.partitions;
  return Array.isArray(partitions)
    ? partitions
        .map((p) => (p as { error?: unknown }).error)
        .filter((e): e is string => typeof e === 'string')
    : [];
}

/** The rules deciding where `a` and `b` (same type and request) differ, or undefined if unknown. */
function decidingRules(a: Answer, b: Answer): readonly string[] | undefined {
  const deciders = DECIDERS[a.type];
  if (!deciders) return undefined;
  const errorsA = errorsOf(a);
  const errorsB = errorsOf(b);
  if (JSON.stringify(errorsA) !== JSON.stringify(errorsB)) {
    const differing = [...errorsA, ...errorsB].filter(
      (e) => e !== 'NONE' && errorsA.filter((x) => x === e).length !== errorsB.filter((x) => x === e).length,
    );
    const rules = differing.map((e) => deciders.errors[e]);
    if (differing.length === 0 || rules.some((r) => r === undefined)) return undefined;
    return [...new Set(rules.flatMap((r) => r!))];
  }
  const fields = Object.keys({ ...a, ...b }).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  const rules = fields.map((field) => deciders.fields[field]);
  if (fields.length === 0 || rules.some((r) => r === undefined)) return undefined;
  return [...new Set(rules.flatMap((r) => r!))];
}

/**
 * The rules behind an answer only one side gave: those of its error (a NOT_COORDINATOR the other
 * side never sent is GC-32's), or undefined when it carries none a rule here names.
 */
function answeredOnOneSide(answer: Answer): readonly string[] | undefined {
  const rules = errorsOf(answer)
    .filter((e) => e !== 'NONE')
    .map((e) => DECIDERS[answer.type]?.errors[e]);
  if (rules.length === 0 || rules.some((r) => r === undefined)) return undefined;
  return [...new Set(rules.flatMap((r) => r!))];
}

/**
 * The rules behind a mismatch (JSON lines of normalized observations on either side, as
 * rulesForMismatch gets them), narrowed to the deciding field where the answers pair up.
 */
export function narrowedRules(
  lines: readonly string[],
  byAnswer: Readonly<Record<Observation['type'], readonly string[]>>,
): string[] {
  const answers = lines.map((line) => JSON.parse(line) as Answer);
  const groups = new Map<string, Answer[]>();
  for (const answer of answers) {
    const key = `${answer.type}\u0000${String(answer.request)}\u0000${String(answer.client)}`;
    groups.set(key, [...(groups.get(key) ?? []), answer]);
  }
  const rules: string[] = [];
  for (const group of groups.values()) {
    const all = byAnswer[group[0]!.type] ?? [];
    const narrowed =
      group.length === 2
        ? decidingRules(group[0]!, group[1]!)
        : group.length === 1
          ? answeredOnOneSide(group[0]!)
          : undefined;
    // Only rules the type's list holds: the per-rule tables count checks by that list.
    rules.push(...(narrowed?.every((rule) => all.includes(rule)) ? narrowed : all));
  }
  return [...new Set(rules)];
}
