// Contract event sequences the group model's tests and the lockstep tests share.
import type { Event } from '../../../spec/events.ts';

/** A JoinGroup of group g on topic t; the rebalance timeout equals the initial delay (GC-23). */
export const joinEvent = (client: string, member: 'own' | 'none' | 'bogus'): Event => ({
  type: 'join',
  client,
  group: 'g',
  member,
  protocols: [{ name: 'range', topics: ['t'] }],
  sessionTimeoutMs: 45000,
  rebalanceTimeoutMs: 3000,
  version: 5,
});

/**
 * c1, c2, c3 in generation 1 led by c1; c1 leaves; c2 and c3 re-join. The last event completes the
 * join phase, and which of c2 and c3 leads is open (GC-20).
 */
export function openLeaderEvents(): Event[] {
  return [
    ...['c1', 'c2', 'c3'].flatMap((c) => [joinEvent(c, 'none'), joinEvent(c, 'own')]),
    { type: 'advance-time', ms: 3000 },
    ...['c1', 'c2', 'c3'].map(
      (c): Event => ({ type: 'sync', client: c, group: 'g', generation: 1, member: 'own' }),
    ),
    { type: 'leave', client: 'c1', group: 'g', member: 'own' },
    joinEvent('c2', 'own'),
    joinEvent('c3', 'own'),
  ];
}
