// A static consumer (KIP-345) names itself by its group.instance.id on every JoinGroup, SyncGroup,
// Heartbeat, LeaveGroup and OffsetCommit it sends, as the Java consumer does when
// group.instance.id is set (GC-40). Commands build requests without it; the run adds it here, so
// every path that sends one (commands, probes, the final phase) speaks as the same member, and the
// trace records the request as sent.
import type { Event } from '../../spec/events.ts';
import { instanceIdOf } from '../swarm/swarm-config.ts';
import type { RunKnowledge } from './knowledge.ts';

export function sentByClient(event: Event, knowledge: Readonly<RunKnowledge>): Event {
  switch (event.type) {
    case 'join':
    case 'sync':
    case 'heartbeat':
    case 'leave':
    case 'commit': {
      if (event.instanceId !== undefined) return event;
      const index = Number(event.client.slice(1));
      const instanceId = instanceIdOf(knowledge.swarm?.members[index], index);
      return instanceId === undefined ? event : { ...event, instanceId };
    }
    default:
      return event;
  }
}
