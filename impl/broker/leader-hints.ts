// KIP-951's leader discovery for Produce v10+: a partition answered NOT_LEADER_OR_FOLLOWER or
// FENCED_LEADER_EPOCH names the leader and epoch the answering broker knows, and the response lists
// those leaders' endpoints, so the client can retry there without a Metadata round trip. As in
// Kafka (KafkaApis.getCurrentLeader), the hint comes from the answering broker's own metadata view
// and is left out when that view has no live leader.
import { type BrokerContext, code, nodeOf } from './broker-context.ts';

const HINTED = new Set([code('NOT_LEADER_OR_FOLLOWER'), code('FENCED_LEADER_EPOCH')]);

export interface LeaderHint {
  leaderId: number;
  leaderEpoch: number;
}

export interface NodeEndpoint {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export class LeaderHints {
  private readonly endpoints = new Map<number, NodeEndpoint>();
  private readonly view;

  constructor(
    private readonly context: BrokerContext,
    brokerId: number,
  ) {
    this.view = context.cluster.metadata(nodeOf(brokerId), brokerId);
  }

  /** The hint for a partition answered with `errorCode`, recording its leader's endpoint. */
  for(topic: string, partition: number, errorCode: number): LeaderHint | undefined {
    if (!HINTED.has(errorCode)) return undefined;
    const known = this.view?.topics
      .find((t) => t.name === topic)
      ?.partitions.find((p) => p.partition === partition);
    if (!known || known.leader < 0) return undefined;
    const address = this.context.addresses.get(known.leader);
    if (!address || !this.context.listening(known.leader)) return undefined;
    this.endpoints.set(known.leader, {
      nodeId: known.leader,
      host: address.host,
      port: address.port,
      rack: null,
    });
    return { leaderId: known.leader, leaderEpoch: known.leaderEpoch };
  }

  /** The endpoints of every leader named so far, by node id. */
  nodeEndpoints(): NodeEndpoint[] {
    return [...this.endpoints.values()].sort((a, b) => a.nodeId - b.nodeId);
  }
}
