// Timers as deadlines in the group (GC-34): scheduling replaces a timer with the same key, as
// Kafka's CoordinatorTimer does; `advance-time` fires the due ones (coordinator.ts).
import type { Group, Member, Timer } from './types.ts';

// Rules this file applies: GC-34.

function timerKey(timer: Timer): string {
  return timer.kind === 'heartbeat' ? `heartbeat:${timer.memberId}` : timer.kind === 'sync' ? 'sync' : 'join';
}

export function schedule(group: Group, timer: Timer): void {
  const key = timerKey(timer);
  group.timers = [...group.timers.filter((existing) => timerKey(existing) !== key), timer];
}

export function cancelHeartbeat(group: Group, memberId: string): void {
  group.timers = group.timers.filter((timer) => !(timer.kind === 'heartbeat' && timer.memberId === memberId));
}

export function cancelJoin(group: Group): void {
  group.timers = group.timers.filter((timer) => timer.kind !== 'join' && timer.kind !== 'initial-join');
}

export function cancelSync(group: Group): void {
  group.timers = group.timers.filter((timer) => timer.kind !== 'sync');
}

/** GC-28: (re)start a member's session timer; new members waiting in their first join get the new-member timeout. */
export function rescheduleHeartbeat(
  group: Group,
  member: Member,
  now: number,
  timeoutMs = member.sessionTimeoutMs,
): void {
  schedule(group, { kind: 'heartbeat', memberId: member.memberId, deadline: now + timeoutMs });
}

/**
 * The earliest due timer (deadline <= now); equal deadlines fire in scheduling order, so the model
 * never depends on how clients are named (the explorer's symmetry reduction relies on it).
 */
export function nextDueTimer(group: Group, now: number): Timer | undefined {
  let earliest: Timer | undefined;
  for (const timer of group.timers) {
    if (timer.deadline <= now && (!earliest || timer.deadline < earliest.deadline)) earliest = timer;
  }
  return earliest;
}

export function removeTimer(group: Group, timer: Timer): void {
  const key = timerKey(timer);
  group.timers = group.timers.filter((existing) => timerKey(existing) !== key);
}
