// The properties kspec checks, by name, with the rule ids of spec/SPEC.md each one enforces and the
// Jepsen anomaly name where one exists (../shared/kafka-semantics.md section 6). One table, so a rule
// id that moves in SPEC.md is updated here only.

export type PropertyName =
  | 'lost-write'
  | 'unseen'
  | 'duplicate'
  | 'inconsistent-offsets'
  | 'poll-skip'
  | 'nonmonotonic-poll'
  | 'nonmonotonic-send'
  | 'no-acknowledged-loss'
  | 'no-dropped-send'
  | 'no-stale-generation-commit'
  | 'at-least-once'
  | 'lockstep-observation'
  | 'one-owner-per-partition'
  | 'high-watermark-bounded'
  | 'high-watermark-monotonic'
  | 'leader-in-isr'
  | 'generation-monotonic'
  | 'acks-all-availability';

export interface PropertyInfo {
  readonly name: PropertyName;
  /** Rule ids of spec/SPEC.md; provisional until the rule book lists them (see `ruleIdsFor`). */
  readonly rules: readonly string[];
  /** A failure fails the run; a `report` finding is counted and shown but allowed (duplicates under at-least-once). */
  readonly severity: 'violation' | 'report';
  readonly description: string;
}

const property = (
  name: PropertyName,
  rules: readonly string[],
  description: string,
  severity: 'violation' | 'report' = 'violation',
): PropertyInfo => ({ name, rules, severity, description });

export const PROPERTIES: Readonly<Record<PropertyName, PropertyInfo>> = {
  'lost-write': property(
    'lost-write',
    ['RP-1'],
    'An acknowledged value below the highest offset read was never read.',
  ),
  unseen: property(
    'unseen',
    ['RP-1'],
    'An acknowledged value no consumer polled by the end of the run.',
    'report',
  ),
  duplicate: property(
    'duplicate',
    ['RP-1'],
    'One value at two offsets (allowed under at-least-once).',
    'report',
  ),
  'inconsistent-offsets': property(
    'inconsistent-offsets',
    ['RP-2'],
    'Sends and reads disagree about the value at an offset.',
  ),
  'poll-skip': property(
    'poll-skip',
    ['OC-1'],
    'A consumer jumped over offsets between two polls of one assignment.',
  ),
  'nonmonotonic-poll': property(
    'nonmonotonic-poll',
    ['OC-1'],
    'A consumer went back between two polls of one assignment.',
  ),
  'nonmonotonic-send': property(
    'nonmonotonic-send',
    ['RP-2'],
    'One producer got a lower offset for a later acknowledged send.',
  ),
  'no-acknowledged-loss': property(
    'no-acknowledged-loss',
    ['RP-1'],
    'Every acknowledged value is in the log at the end (fire-and-forget: every sent value).',
  ),
  'no-dropped-send': property(
    'no-dropped-send',
    ['RP-3'],
    'A producer application that reacts to errors gets every value it sent into the log.',
  ),
  'no-stale-generation-commit': property(
    'no-stale-generation-commit',
    ['OC-2'],
    'Every accepted commit carried the generation the group had then, from a member of it.',
  ),
  'at-least-once': property(
    'at-least-once',
    ['OC-3'],
    'Every record below a committed offset was processed.',
  ),
  'lockstep-observation': property(
    'lockstep-observation',
    ['GC-1'],
    'The system answered as the model allows.',
  ),
  'one-owner-per-partition': property(
    'one-owner-per-partition',
    ['AS-1'],
    'No partition is assigned to two members of one generation.',
  ),
  'high-watermark-bounded': property(
    'high-watermark-bounded',
    ['RP-4'],
    'The high watermark never exceeds the LEO of an ISR member.',
  ),
  'high-watermark-monotonic': property(
    'high-watermark-monotonic',
    ['RP-5'],
    "A leader's high watermark never goes back within one epoch.",
  ),
  'leader-in-isr': property('leader-in-isr', ['RP-6'], 'A partition leader is a live member of its ISR.'),
  'generation-monotonic': property('generation-monotonic', ['GC-2'], 'A group generation never decreases.'),
  'acks-all-availability': property(
    'acks-all-availability',
    ['RP-7'],
    'acks=all writes succeed while one replica is down (fails by design when replication.factor == min.insync.replicas).',
  ),
};

/** The rule ids of a property; the single place to remap when SPEC.md numbers its rules. */
export function ruleIdsFor(name: PropertyName): readonly string[] {
  return PROPERTIES[name].rules;
}
