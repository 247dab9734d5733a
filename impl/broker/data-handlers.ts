// Produce, ListOffsets and OffsetForLeaderEpoch on the reference cluster's data plane. Fetch, which
// parks, is in fetch-handler.ts.
import type { ErrorName } from '../../spec/errors.ts';
import {
  type ListOffsetsAnswer,
  type MetadataAnswer,
  noListedOffset,
  type ProduceAnswer,
} from '../cluster/requests.ts';
import type { Apis } from '../protocol/registry.ts';
import type { Infer, Input } from '../protocol/schema.ts';
import type { RequestContext } from '../server/handler.ts';
import { type BrokerContext, code, nodeOf } from './broker-context.ts';
import { LeaderHints, viewOf } from './leader-hints.ts';
import { hasTransactionalRecords } from './transactions.ts';

type Request<N extends keyof Apis> = Infer<Apis[N]['request']>;
/** A produce answer with the answering broker's metadata view at that moment (KIP-951 hints). */
type AnsweredProduce = ProduceAnswer & { readonly view: MetadataAnswer | undefined };
type Response<N extends keyof Apis> = Input<Apis[N]['response']>;

function produceOne(
  context: BrokerContext,
  brokerId: number,
  topic: string,
  partition: number,
  acks: number,
  records: Buffer | null,
  timeoutMs: number,
): Promise<AnsweredProduce> {
  // Null records (an empty partition is refused by the cluster's own check, LG-1).
  if (!records)
    return Promise.resolve({
      error: 'CORRUPT_MESSAGE',
      baseOffset: -1,
      logStartOffset: -1,
      view: viewOf(context.cluster, brokerId),
    });
  return new Promise((resolve) => {
    context.cluster.data.produce(
      brokerId,
      { from: nodeOf(brokerId), topic, partition, acks, records, timeoutMs: Math.max(0, timeoutMs) },
      // KIP-951: a hint names the leader the broker knows when it answers (an acks=all produce may
      // be answered by a controlled shutdown, before the broker stops).
      (answer) => resolve({ ...answer, view: viewOf(context.cluster, brokerId) }),
    );
    const replicas = context.cluster.controller.partition(topic, partition)?.replicas.length ?? 0;
    if (replicas > 1) context.driver.appended(topic, partition);
  });
}

export async function produce(
  context: BrokerContext,
  request: Request<'Produce'>,
  requestContext: RequestContext,
): Promise<Response<'Produce'>> {
  context.driver.sync();
  const brokerId = requestContext.brokerId;
  // IP-7: transactional batches refuse the whole request before anything is appended.
  const transactional = request.topicData.some((topic) =>
    topic.partitionData.some((partition) => hasTransactionalRecords(partition.records as Buffer | null)),
  );
  if (transactional) return refuseAll(request, 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED');
  const pending = request.topicData.map((topic) =>
    Promise.all(
      topic.partitionData.map((partition) =>
        produceOne(
          context,
          brokerId,
          topic.name,
          partition.index,
          request.acks,
          partition.records as Buffer | null,
          request.timeoutMs,
        ),
      ),
    ),
  );
  // Appends happened synchronously above: wake long polls before waiting for acks=all.
  context.driver.settle();
  const answers = await Promise.all(pending);
  const hints = requestContext.apiVersion >= 10 ? new LeaderHints(context, brokerId) : undefined;
  const responses = request.topicData.map((topic, t) => ({
    name: topic.name,
    partitionResponses: topic.partitionData.map((partition, p) => {
      const answer = answers[t]![p]!;
      const errorCode = code(answer.error);
      return {
        index: partition.index,
        errorCode,
        baseOffset: answer.baseOffset,
        logAppendTimeMs: -1,
        logStartOffset: answer.logStartOffset,
        currentLeader: hints?.for(topic.name, partition.index, errorCode, answer.view),
      };
    }),
  }));
  return { responses, throttleTimeMs: 0, nodeEndpoints: hints?.nodeEndpoints() };
}

function refuseAll(request: Request<'Produce'>, error: ErrorName): Response<'Produce'> {
  return {
    throttleTimeMs: 0,
    responses: request.topicData.map((topic) => ({
      name: topic.name,
      partitionResponses: topic.partitionData.map((partition) => ({
        index: partition.index,
        errorCode: code(error),
        baseOffset: -1,
        logAppendTimeMs: -1,
        logStartOffset: -1,
      })),
    })),
  };
}

/** ListOffsets of one partition: v4+ fences a stale or future leader epoch first, as Fetch does (Partition.fetchOffsetForTimestamp). */
function listOne(
  context: BrokerContext,
  brokerId: number,
  topic: string,
  partition: { partitionIndex: number; timestamp: number; currentLeaderEpoch: number },
  version: number,
): ListOffsetsAnswer {
  const { cluster } = context;
  const { partitionIndex, timestamp, currentLeaderEpoch } = partition;
  const replica = cluster.broker(brokerId).replica(topic, partitionIndex);
  if (currentLeaderEpoch >= 0 && replica?.role === 'leader') {
    if (currentLeaderEpoch < replica.leaderEpoch) return noListedOffset('FENCED_LEADER_EPOCH');
    if (currentLeaderEpoch > replica.leaderEpoch) return noListedOffset('UNKNOWN_LEADER_EPOCH');
  }
  return cluster.data.listOffsets(brokerId, {
    from: nodeOf(brokerId),
    topic,
    partition: partitionIndex,
    timestamp,
    version,
  });
}

export async function listOffsets(
  context: BrokerContext,
  request: Request<'ListOffsets'>,
  requestContext: RequestContext,
): Promise<Response<'ListOffsets'>> {
  context.driver.sync();
  const version = requestContext.apiVersion;
  return {
    throttleTimeMs: 0,
    topics: request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitions.map((partition) => {
        const found = listOne(context, requestContext.brokerId, topic.name, partition, version);
        return {
          partitionIndex: partition.partitionIndex,
          errorCode: code(found.error),
          oldStyleOffsets: version === 0 && found.error === 'NONE' && found.offset >= 0 ? [found.offset] : [],
          timestamp: found.timestamp,
          offset: found.offset,
          leaderEpoch: found.leaderEpoch,
        };
      }),
    })),
  };
}

export async function offsetForLeaderEpoch(
  context: BrokerContext,
  request: Request<'OffsetForLeaderEpoch'>,
  requestContext: RequestContext,
): Promise<Response<'OffsetForLeaderEpoch'>> {
  context.driver.sync();
  const broker = context.cluster.broker(requestContext.brokerId);
  return {
    throttleTimeMs: 0,
    topics: request.topics.map((topic) => ({
      topic: topic.topic,
      partitions: topic.partitions.map((partition) => {
        const failed = (error: ErrorName) => ({
          errorCode: code(error),
          partition: partition.partition,
          leaderEpoch: -1,
          endOffset: -1,
        });
        if (!context.cluster.controller.partition(topic.topic, partition.partition))
          return failed('UNKNOWN_TOPIC_OR_PARTITION');
        const replica = broker.replica(topic.topic, partition.partition);
        if (!broker.running || replica?.role !== 'leader') return failed('NOT_LEADER_OR_FOLLOWER');
        if (partition.currentLeaderEpoch >= 0 && partition.currentLeaderEpoch < replica.leaderEpoch)
          return failed('FENCED_LEADER_EPOCH');
        if (partition.currentLeaderEpoch > replica.leaderEpoch) return failed('UNKNOWN_LEADER_EPOCH');
        const end = replica.store.endOffsetForEpoch(partition.leaderEpoch);
        return {
          errorCode: 0,
          partition: partition.partition,
          leaderEpoch: end.epoch,
          endOffset: end.endOffset,
        };
      }),
    })),
  };
}
