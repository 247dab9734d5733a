// KIP-951's leader discovery for Produce v10+: a partition answered NOT_LEADER_OR_FOLLOWER or
// FENCED_LEADER_EPOCH names the leader and epoch the answering broker knows, and the response lists
// those leaders' endpoints, so the client can retry there without a Metadata round trip. As in
// Kafka (KafkaApis.getCurrentLeader), the hint comes from the answering broker's own metadata view
// and is left out when that view has no live leader.
import type { ErrorName } from '../../spec/errors.ts';
import type { Cluster } from '../cluster/cluster.ts';
import type { MetadataAnswer } from '../cluster/requests.ts';
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

/** The leader and epoch a broker's metadata view holds for a partition, if it holds a live one. */
function leaderIn(view: MetadataAnswer | undefined, topic: string, partition: number) {
  const known = view?.topics.find((t) => t.name === topic)?.partitions.find((p) => p.partition === partition);
  return known && known.leader >= 0 ? known : undefined;
}

/** What broker `brokerId`'s metadata view holds now (the hint of an answer it gives now). */
export function viewOf(cluster: Cluster, brokerId: number): MetadataAnswer | undefined {
  return cluster.metadata(nodeOf(brokerId), brokerId);
}

/**
 * The hint broker `brokerId` gives now with `error` for one partition in process, as LeaderHints
 * gives it over the wire: its own view's leader and epoch.
 */
export function leaderHintFrom(
  cluster: Cluster,
  brokerId: number,
  topic: string,
  partition: number,
  error: ErrorName,
): LeaderHint | undefined {
  if (!HINTED.has(code(error))) return undefined;
  const known = leaderIn(viewOf(cluster, brokerId), topic, partition);
  return known ? { leaderId: known.leader, leaderEpoch: known.leaderEpoch } : undefined;
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

  /**
   * The hint for a partition answered with `errorCode`, from the broker's view when it answered
   * (`view`; by default the one it holds now), recording its leader's endpoint.
   */
  for(
    topic: string,
    partition: number,
    errorCode: number,
    view: MetadataAnswer | undefined = this.view,
  ): LeaderHint | undefined {
    if (!HINTED.has(errorCode)) return undefined;
    const known = leaderIn(view, topic, partition);
    if (!known) return undefined;
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
