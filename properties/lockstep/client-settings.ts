// What a consumer's own settings add to the group requests it sends, as the Java consumer does
// with them set: its group.instance.id on every JoinGroup, SyncGroup, Heartbeat, LeaveGroup and
// OffsetCommit that can carry one (GC-40), and the OffsetCommit and LeaveGroup versions it speaks
// (OC-1: before v9 a commit to a missing group is ILLEGAL_GENERATION). Commands build requests
// without them; the run adds them here, so every path that sends one (commands, probes, the final
// phase) speaks as the same client, and the trace records the request as sent.
import type { Event } from '../../spec/events.ts';
import { instanceIdOf } from '../swarm/swarm-config.ts';
import type { RunKnowledge } from './knowledge.ts';

/** The first versions that carry group.instance.id: OffsetCommit v7, LeaveGroup v3 (JoinGroup v5, SyncGroup v3, Heartbeat v3 are below what the client sends). */
const INSTANCE_ID_SINCE = { commit: 7, leave: 3 } as const;

export function sentByClient(event: Event, knowledge: Readonly<RunKnowledge>): Event {
  switch (event.type) {
    case 'join':
    case 'sync':
    case 'heartbeat':
    case 'leave':
    case 'commit': {
      const index = Number(event.client.slice(1));
      const member = knowledge.swarm?.members[index];
      let sent: Event = event;
      if ((event.type === 'commit' || event.type === 'leave') && event.version === undefined) {
        const version = event.type === 'commit' ? member?.commitVersion : member?.leaveVersion;
        if (version !== undefined) sent = { ...event, version };
      }
      const instanceId = instanceIdOf(member, index);
      if (instanceId === undefined || event.instanceId !== undefined) return sent;
      if (
        (sent.type === 'commit' || sent.type === 'leave') &&
        (sent.version ?? 99) < INSTANCE_ID_SINCE[sent.type]
      )
        return sent;
      return { ...sent, instanceId };
    }
    default:
      return event;
  }
}
