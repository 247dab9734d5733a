// The properties kspec checks, by name, with the rule ids of spec/SPEC.md each one enforces and the
// Jepsen anomaly name where one exists (../shared/kafka-semantics.md section 6). One table, so a rule
// id that moves in SPEC.md is updated here only.

import { RULES_BY_ANSWER } from './lockstep/answer-rules.ts';

export type PropertyName =
  | 'lost-write'
  | 'unseen'
  | 'duplicate'
  | 'duplicate-write'
  | 'inconsistent-offsets'
  | 'poll-skip'
  | 'nonmonotonic-poll'
  | 'nonmonotonic-send'
  | 'no-acknowledged-loss'
  | 'no-dropped-send'
  | 'no-stale-generation-commit'
  | 'at-least-once'
  | 'lockstep-observation'
  | 'lockstep-choice'
  | 'one-owner-per-partition'
  | 'high-watermark-bounded'
  | 'high-watermark-monotonic'
  | 'leader-in-isr'
  | 'generation-monotonic'
  | 'acks-all-availability';

export interface PropertyInfo {
  readonly name: PropertyName;
  /** Rule ids of spec/SPEC.md this property enforces (lockstep-observation: any rule; its message names the event). */
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
    ['RP-18'],
    'An acknowledged value below the highest offset read was never read.',
  ),
  unseen: property(
    'unseen',
    ['RP-18'],
    'An acknowledged value no consumer polled by the end of the run.',
    'report',
  ),
  duplicate: property(
    'duplicate',
    ['RP-18'],
    'One value at two offsets (allowed under at-least-once).',
    'report',
  ),
  'duplicate-write': property(
    'duplicate-write',
    ['IP-2', 'IP-8'],
    'One sent value (re-sends included) written at two offsets: acknowledged at two, or read at two. An idempotent producer never does this.',
  ),
  'inconsistent-offsets': property(
    'inconsistent-offsets',
    ['RP-19'],
    'Sends and reads disagree about the value at an offset.',
  ),
  'poll-skip': property(
    'poll-skip',
    ['OC-19'],
    'A consumer jumped over offsets between two polls of one assignment.',
  ),
  'nonmonotonic-poll': property(
    'nonmonotonic-poll',
    ['OC-19'],
    'A consumer went back between two polls of one assignment.',
  ),
  'nonmonotonic-send': property(
    'nonmonotonic-send',
    ['RP-19'],
    'One producer got a lower offset for a later acknowledged send.',
  ),
  'no-acknowledged-loss': property(
    'no-acknowledged-loss',
    ['RP-18', 'RP-21'],
    'Every acknowledged value is in the log at the end (fire-and-forget: every sent value).',
  ),
  'no-dropped-send': property(
    'no-dropped-send',
    ['RP-20'],
    'A producer application that reacts to errors gets every value it sent into the log.',
  ),
  'no-stale-generation-commit': property(
    'no-stale-generation-commit',
    ['OC-12'],
    'Every accepted commit carried the generation the group had then, from a member of it.',
  ),
  'at-least-once': property(
    'at-least-once',
    ['OC-16', 'OC-19'],
    'Every record below a committed offset was processed.',
  ),
  'lockstep-observation': property(
    'lockstep-observation',
    [...new Set(Object.values(RULES_BY_ANSWER).flat())],
    'The system answered as the model does (each finding names the rules behind the answer that differs).',
  ),
  'lockstep-choice': property(
    'lockstep-choice',
    ['RP-1', 'RP-5', 'RP-12', 'RP-13'],
    "Where the rule book leaves a choice open (placement, election, fetch order), the system's choice and the state it leads to are ones the model allows (each finding names the rule it breaks).",
  ),
  'one-owner-per-partition': property(
    'one-owner-per-partition',
    ['GC-36', 'AS-4'],
    'No partition is assigned to two members of one generation.',
  ),
  'high-watermark-bounded': property(
    'high-watermark-bounded',
    ['RP-4'],
    'The high watermark never exceeds the LEO of an ISR member.',
  ),
  'high-watermark-monotonic': property(
    'high-watermark-monotonic',
    ['RP-3'],
    "A leader's high watermark never goes back within one epoch.",
  ),
  'leader-in-isr': property(
    'leader-in-isr',
    ['RP-1', 'RP-12', 'RP-13'],
    'A partition leader is a live member of its ISR.',
  ),
  'generation-monotonic': property(
    'generation-monotonic',
    ['GC-19', 'GC-16'],
    'A group generation never decreases.',
  ),
  'acks-all-availability': property(
    'acks-all-availability',
    ['RP-9'],
    'acks=all writes succeed while one replica is down (fails by design when replication.factor == min.insync.replicas).',
  ),
};

/** The rule ids of a property; the single place to remap when SPEC.md numbers its rules. */
export function ruleIdsFor(name: PropertyName): readonly string[] {
  return PROPERTIES[name].rules;
}
