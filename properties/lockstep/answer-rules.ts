// Which rules of spec/SPEC.md decide each kind of answer, so that a lockstep mismatch names the
// rules to read first (the model's answer is what they say; the system's differs from it).
import type { Observation } from '../../spec/observations.ts';
import { narrowedRules } from './deciding-rules.ts';

export const RULES_BY_ANSWER: Readonly<Record<Observation['type'], readonly string[]>> = {
  'join-response': [
    'GC-5',
    'GC-6',
    'GC-7',
    'GC-9',
    'GC-10',
    'GC-12',
    'GC-14',
    'GC-17',
    'GC-21',
    'GC-22',
    'GC-32',
  ],
  'sync-response': ['GC-24', 'GC-25', 'GC-32'],
  'heartbeat-response': ['GC-27'],
  'leave-response': ['GC-30'],
  'commit-response': ['OC-1', 'OC-3', 'OC-4', 'OC-5', 'OC-6', 'OC-7', 'OC-15', 'OC-17'],
  'offset-fetch-response': ['OC-9', 'OC-10'],
  'describe-response': ['GC-31'],
  'delete-groups-response': ['GC-38', 'GC-39'],
  'offset-delete-response': ['OC-20', 'OC-21'],
  'poll-result': ['OC-13', 'OC-14', 'OC-19', 'RP-2'],
  'fetch-response': ['RP-2', 'LG-6'],
  'list-offsets-response': ['RP-24', 'LG-7'],
  'produce-response': ['RP-8', 'RP-9', 'RP-10', 'RP-28', 'IP-2', 'IP-3', 'IP-4', 'IP-5', 'LG-1'],
  'admin-response': ['RP-1'],
  'describe-configs-response': ['RP-27'],
  unsupported: [],
};

/**
 * The rules behind the answers that differ (JSON lines of normalized observations): the rule that
 * decides the differing field where it is known (deciding-rules.ts), else the answer type's list.
 */
export function rulesForMismatch(lines: readonly string[]): string[] {
  return narrowedRules(lines, RULES_BY_ANSWER);
}

/** Answers lockstep compared that a rule decides (the tally counts them as `answer:<type>`). */
export function answersCheckedFor(rule: string, checkedOf: (type: Observation['type']) => number): number {
  return (Object.entries(RULES_BY_ANSWER) as [Observation['type'], readonly string[]][])
    .filter(([, rules]) => rules.includes(rule))
    .reduce((sum, [type]) => sum + checkedOf(type), 0);
}
