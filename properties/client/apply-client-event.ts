// The events the client plays (group, offset, consumer, producer and admin requests) routed to the
// client's code; the system's own events (time, faults, replication, flush) are left to the adapter,
// which knows how its cluster produces them.
import type { Event } from '../../spec/events.ts';
import type { Clients } from './clients.ts';
import { consumerCommit, poll } from './consumer.ts';
import { deleteGroups, offsetDelete } from './delete-requests.ts';
import { describeConfigs } from './describe-configs.ts';
import { commit, describeGroup, heartbeat, join, leave, offsetFetch, sync } from './group-requests.ts';
import { listOffsets, produce, rawFetch } from './producer-and-fetch.ts';

/** Plays `event` if it is the client's; false when it is the system's to apply. */
export async function applyClientEvent(clients: Clients, event: Event, seq: number): Promise<boolean> {
  switch (event.type) {
    case 'join':
      join(clients, event, seq);
      return true;
    case 'sync':
      sync(clients, event, seq);
      return true;
    case 'heartbeat':
      heartbeat(clients, event, seq);
      return true;
    case 'leave':
      leave(clients, event, seq);
      return true;
    case 'describe-group':
      describeGroup(clients, event, seq);
      return true;
    case 'commit':
      commit(clients, event, seq);
      return true;
    case 'offset-fetch':
      offsetFetch(clients, event, seq);
      return true;
    case 'delete-groups':
      deleteGroups(clients, event, seq);
      return true;
    case 'offset-delete':
      offsetDelete(clients, event, seq);
      return true;
    case 'consumer-crash':
      await clients.crash(event.client);
      return true;
    case 'poll':
      await poll(clients, event, seq);
      return true;
    case 'process':
      return true; // processing is the application's; the broker sees nothing
    case 'consumer-commit':
      consumerCommit(clients, event, seq);
      return true;
    case 'fetch':
      await rawFetch(clients, event, seq);
      return true;
    case 'produce':
      await produce(clients, event, seq);
      return true;
    case 'list-offsets':
      await listOffsets(clients, event, seq);
      return true;
    case 'create-topic': {
      const error = await clients.transport.createTopic(
        clients.names.real(event.topic),
        event.partitions,
        event.replicationFactor,
        event.config ?? {},
      );
      clients.emit({ type: 'admin-response', request: seq, op: 'create-topic', topic: event.topic, error });
      return true;
    }
    case 'partition-change': {
      const error = await clients.transport.createPartitions(
        clients.names.real(event.topic),
        event.partitions,
        event.validateOnly === true,
      );
      clients.emit({
        type: 'admin-response',
        request: seq,
        op: 'partition-change',
        topic: event.topic,
        error,
      });
      return true;
    }
    case 'describe-configs':
      await describeConfigs(clients, event, seq);
      return true;
    default:
      return false;
  }
}
