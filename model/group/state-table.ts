// The classic group's state table in one place (after Kafka's ClassicGroupState.java): the legal
// moves as data, and the one transition function that asserts them. An illegal move is a bug in the
// model, so it throws; protocol outcomes are error codes elsewhere.
import type { Group, GroupState } from './types.ts';

/** Rule ids this table implements. */
// Rules this file applies: GC-1, GC-2.

/** For each target state, the states it may be entered from (GC-2). Dead may be entered from any state. */
export const LEGAL_PREVIOUS_STATES: Readonly<Record<GroupState, readonly GroupState[]>> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

export const ALL_STATES: readonly GroupState[] = [
  'Empty',
  'PreparingRebalance',
  'CompletingRebalance',
  'Stable',
  'Dead',
];

export function isLegalTransition(from: GroupState, to: GroupState): boolean {
  return LEGAL_PREVIOUS_STATES[to].includes(from);
}

/** Every (from, to) pair, legal or not: the transition tests walk this list. */
export function allTransitionPairs(): { from: GroupState; to: GroupState; legal: boolean }[] {
  return ALL_STATES.flatMap((from) =>
    ALL_STATES.map((to) => ({ from, to, legal: isLegalTransition(from, to) })),
  );
}

export class IllegalGroupTransition extends Error {
  override name = 'IllegalGroupTransition';
}

/** A state change as it happened, for coverage of the table and for traces. */
export interface GroupTransition {
  readonly group: string;
  readonly from: GroupState;
  readonly to: GroupState;
}

/**
 * GC-2: the one guarded transition; remembers the previous state and when the new one began, and
 * appends the move to `log` when given.
 */
export function transitionTo(group: Group, to: GroupState, now: number, log?: GroupTransition[]): void {
  if (!isLegalTransition(group.state, to)) {
    throw new IllegalGroupTransition(
      `group ${group.id}: ${group.state} -> ${to} is not a legal transition (GC-2)`,
    );
  }
  log?.push({ group: group.id, from: group.state, to });
  group.previousState = group.state;
  group.state = to;
  group.stateSince = now;
}

/** PreparingRebalance may be entered from here (ClassicGroup.canRebalance). */
export function canRebalance(group: Group): boolean {
  return isLegalTransition(group.state, 'PreparingRebalance');
}
