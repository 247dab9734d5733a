// Consumer Fetch on the reference cluster: whole batches below the high watermark, as file slices
// of the leader's segment files (the server sends them with sendfile or copies them), and Kafka's
// long poll: the answer waits until `minBytes` are available, an error shows, or `maxWaitMs` passes.
//
// Fetch v12+ (KIP-320): a partition that names its last fetched epoch is checked against the
// leader's epoch history first; when the log diverged (that epoch ended earlier, or the leader
// never had it), the answer carries the end of the largest epoch both share as `divergingEpoch`,
// no records, and the fetch does not wait (Partition.readRecords, ReplicaManager.fetchMessages).
//
// Slices carry the segment path and no descriptor: the server opens the file itself, so a segment
// closed meanwhile (a crash, a truncation) fails that one response instead of reading whatever file
// reused the descriptor.
import type { ErrorName } from '../../spec/errors.ts';
import type { FileSlice } from '../protocol/primitives.ts';
import type { Apis } from '../protocol/registry.ts';
import type { Infer, Input } from '../protocol/schema.ts';
import { LogPartitionStore } from '../replication/log-store.ts';
import type { RequestContext } from '../server/handler.ts';
import { type BrokerContext, code } from './broker-context.ts';
import type { LogWaiter } from './realtime-driver.ts';

type FetchRequest = Infer<Apis['Fetch']['request']>;
type FetchResponse = Input<Apis['Fetch']['response']>;

interface PartitionRead {
  error: ErrorName;
  highWatermark: number;
  logStartOffset: number;
  slices: FileSlice[];
  bytes: number;
  divergingEpoch?: { epoch: number; endOffset: number };
}

const failed = (error: ErrorName): PartitionRead => ({
  error,
  highWatermark: -1,
  logStartOffset: -1,
  slices: [],
  bytes: 0,
});

function readPartition(
  context: BrokerContext,
  brokerId: number,
  topic: string,
  partition: { partition: number; fetchOffset: number; currentLeaderEpoch: number; lastFetchedEpoch: number },
  maxBytes: number,
  minOneBatch: boolean,
): PartitionRead {
  const broker = context.cluster.broker(brokerId);
  if (!broker.running) return failed('NOT_LEADER_OR_FOLLOWER');
  if (!context.cluster.controller.partition(topic, partition.partition))
    return failed('UNKNOWN_TOPIC_OR_PARTITION');
  const replica = broker.replica(topic, partition.partition);
  if (replica?.role !== 'leader') return failed('NOT_LEADER_OR_FOLLOWER');
  if (partition.currentLeaderEpoch >= 0 && partition.currentLeaderEpoch < replica.leaderEpoch)
    return failed('FENCED_LEADER_EPOCH');
  if (partition.currentLeaderEpoch > replica.leaderEpoch) return failed('UNKNOWN_LEADER_EPOCH');
  const store = replica.store;
  if (!(store instanceof LogPartitionStore)) throw new Error('the wire broker needs file-backed logs');
  const state = { highWatermark: replica.highWatermark, logStartOffset: store.logStartOffset() };
  if (partition.lastFetchedEpoch >= 0) {
    const end = store.endOffsetForEpoch(partition.lastFetchedEpoch);
    if (end.endOffset === -1 || end.epoch === -1) return failed('OFFSET_OUT_OF_RANGE');
    if (partition.fetchOffset < state.logStartOffset) return failed('OFFSET_OUT_OF_RANGE');
    if (end.epoch < partition.lastFetchedEpoch || end.endOffset < partition.fetchOffset) {
      const divergingEpoch = { epoch: end.epoch, endOffset: end.endOffset };
      return { error: 'NONE', ...state, slices: [], bytes: 0, divergingEpoch };
    }
  }
  if (maxBytes <= 0 && !minOneBatch) return { error: 'NONE', ...state, slices: [], bytes: 0 };
  const read = store.log.read(
    partition.fetchOffset,
    Math.max(0, maxBytes),
    replica.highWatermark,
    minOneBatch,
  );
  // RP-22: Kafka answers every partition error with HW -1 and log start -1 (LogReadResult(Errors)).
  if ('error' in read) return failed('OFFSET_OUT_OF_RANGE');
  const slices = read.slices.map((slice) => ({
    path: slice.path,
    fd: undefined,
    position: slice.position,
    length: slice.length,
  }));
  return { error: 'NONE', ...state, slices, bytes: read.bytes };
}

interface Collected {
  reads: PartitionRead[][];
  bytes: number;
  anyError: boolean;
}

function collect(context: BrokerContext, brokerId: number, request: FetchRequest): Collected {
  // fetch.max.bytes caps what a consumer may ask (KafkaApis.handleFetchRequest takes the smaller of
  // the two), so one Fetch never reads more than that into a response, whatever its maxBytes says.
  let remaining = Math.min(request.maxBytes, context.fetchMaxBytes);
  let bytes = 0;
  let anyError = false;
  const reads = request.topics.map((topic) =>
    topic.partitions.map((partition) => {
      const read = readPartition(
        context,
        brokerId,
        topic.topic,
        partition,
        Math.min(partition.partitionMaxBytes, remaining),
        bytes === 0, // KIP-74: the first non-empty partition returns at least one batch
      );
      remaining -= read.bytes;
      bytes += read.bytes;
      // An error or a diverging epoch answers at once.
      if (read.error !== 'NONE' || read.divergingEpoch) anyError = true;
      return read;
    }),
  );
  return { reads, bytes, anyError };
}

function response(request: FetchRequest, collected: Collected): FetchResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    sessionId: 0,
    responses: request.topics.map((topic, t) => ({
      topic: topic.topic,
      partitions: topic.partitions.map((partition, p) => {
        const read = collected.reads[t]![p]!;
        return {
          partitionIndex: partition.partition,
          errorCode: code(read.error),
          highWatermark: read.highWatermark,
          lastStableOffset: read.highWatermark,
          logStartOffset: read.logStartOffset,
          abortedTransactions: null,
          preferredReadReplica: -1,
          records: read.slices,
          divergingEpoch: read.divergingEpoch,
        };
      }),
    })),
  };
}

/** Longest long poll honoured (a bound on parked requests). */
const MAX_WAIT_MS = 60_000;

export function fetch(
  context: BrokerContext,
  request: FetchRequest,
  requestContext: RequestContext,
): Promise<FetchResponse> {
  context.driver.sync();
  const brokerId = requestContext.brokerId;
  const first = collect(context, brokerId, request);
  const minBytes = Math.max(1, request.minBytes);
  if (request.maxWaitMs <= 0 || first.bytes >= minBytes || first.anyError || request.topics.length === 0)
    return Promise.resolve(response(request, first));
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return true;
      done = true;
      clearTimeout(timer);
      requestContext.signal.removeEventListener('abort', onAbort);
      context.driver.removeWaiter(waiter);
      context.driver.sync();
      resolve(response(request, collect(context, brokerId, request)));
      return true;
    };
    const waiter: LogWaiter = {
      check: () => {
        if (done) return true;
        const now = collect(context, brokerId, request);
        return now.bytes >= minBytes || now.anyError ? finish() : false;
      },
    };
    const onAbort = () => finish();
    const timer = setTimeout(finish, Math.min(request.maxWaitMs, MAX_WAIT_MS));
    requestContext.signal.addEventListener('abort', onAbort, { once: true });
    context.driver.addWaiter(waiter);
  });
}
