// How a client finds a partition's leader: it asks the first running broker it can reach, whose
// metadata cache may lag the controller (a broker cut off from it). Requests and answers cross the
// network; a cut connection is what the client sees as NETWORK_EXCEPTION.
import { brokerNode, clientNode, connected, type PartitionModel, type World } from './world.ts';

/** The leader `client` believes in, or undefined when it reaches no broker or that broker knows none. */
export function leaderSeenBy(world: World, client: string, p: PartitionModel): number | undefined {
  for (const broker of world.brokers) {
    if (!broker.running || !connected(world, clientNode(client), brokerNode(broker.id))) continue;
    return p.views[broker.id]?.leader ?? undefined;
  }
  return undefined;
}

export function reachesAnyBroker(world: World, client: string): boolean {
  return world.brokers.some((b) => b.running && connected(world, clientNode(client), brokerNode(b.id)));
}

/** The broker `broker` reached by `client` and leading `p` in its own view, or the error the client sees. */
export function reachLeader(
  world: World,
  client: string,
  broker: number,
  p: PartitionModel,
): number | 'NETWORK_EXCEPTION' | 'NOT_LEADER_OR_FOLLOWER' {
  if (!world.brokers[broker]?.running || !connected(world, clientNode(client), brokerNode(broker)))
    return 'NETWORK_EXCEPTION';
  const index = p.brokers.indexOf(broker);
  if (index < 0 || p.views[broker]?.leader !== broker) return 'NOT_LEADER_OR_FOLLOWER';
  return index;
}
