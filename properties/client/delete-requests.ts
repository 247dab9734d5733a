// The admin's deletions: DeleteGroups (GC-38) and OffsetDelete (OC-20, OC-21), sent from the
// event's client, answers mapped back onto the request's order and the contract's names (Kafka keys
// both answers by group id and by topic and partition, and orders them its own way).
import type { EventOf } from '../../spec/events.ts';
import type { Clients } from './clients.ts';

export function deleteGroups(clients: Clients, event: EventOf<'delete-groups'>, seq: number): void {
  const groups = [...new Set(event.groups)];
  clients.transport.send(
    { client: event.client, lane: 'main' },
    { api: 'DeleteGroups', requestId: seq, version: 2, groupIds: groups.map((g) => clients.names.real(g)) },
    (response) => {
      if (response.api !== 'DeleteGroups') throw new Error(`DeleteGroups answered with ${response.api}`);
      const errors = new Map(response.results.map((r) => [r.groupId, r.error]));
      clients.emit({
        type: 'delete-groups-response',
        request: seq,
        client: event.client,
        results: groups.map((group) => ({
          group,
          error: errors.get(clients.names.real(group)) ?? 'UNKNOWN_SERVER_ERROR',
        })),
      });
    },
  );
}

export function offsetDelete(clients: Clients, event: EventOf<'offset-delete'>, seq: number): void {
  const { names } = clients;
  clients.transport.send(
    { client: event.client, lane: 'main' },
    {
      api: 'OffsetDelete',
      requestId: seq,
      version: 0,
      groupId: names.real(event.group),
      topics: event.topics.map((t) => ({ name: names.real(t.topic), partitionIndexes: t.partitions })),
    },
    (response) => {
      if (response.api !== 'OffsetDelete') throw new Error(`OffsetDelete answered with ${response.api}`);
      const errors = new Map(
        response.topics.flatMap((t) =>
          t.partitions.map((p) => [`${names.contract(t.name)}\0${p.partitionIndex}`, p.error] as const),
        ),
      );
      clients.emit({
        type: 'offset-delete-response',
        request: seq,
        client: event.client,
        group: event.group,
        error: response.error,
        // A top-level error carries no partitions (OC-20).
        partitions:
          response.error !== 'NONE'
            ? []
            : event.topics.flatMap((t) =>
                t.partitions.map((partition) => ({
                  topic: t.topic,
                  partition,
                  error: errors.get(`${t.topic}\0${partition}`) ?? 'UNKNOWN_SERVER_ERROR',
                })),
              ),
      });
    },
  );
}
