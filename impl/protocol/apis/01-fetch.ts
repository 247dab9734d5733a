// Fetch (api key 1), versions 0-12, flexible from 12. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's FetchRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: same fields as v1
//   v3: request +maxBytes
//   v4: request +isolationLevel; response +responses.partitions.lastStableOffset +responses.partitions.abortedTransactions
//   v5: request +topics.partitions.logStartOffset; response +responses.partitions.logStartOffset
//   v6: same fields as v5
//   v7: request +sessionId +sessionEpoch +forgottenTopicsData; response +errorCode +sessionId
//   v8: same fields as v7
//   v9: request +topics.partitions.currentLeaderEpoch
//   v10: same fields as v9
//   v11: request +rackId; response +responses.partitions.preferredReadReplica
//   v12: flexible (compact forms, tagged fields); request +topics.partitions.lastFetchedEpoch,
//        tagged +clusterId (0); response tagged +responses.partitions.divergingEpoch (0)
//        +responses.partitions.currentLeader (1) +responses.partitions.snapshotId (2)
//        (KIP-320: a fetch whose last fetched epoch diverges from the leader's log is answered
//        with the end of the largest epoch both share, and no records)
// Kafka 4.4 serves up to v18 (v13: topics by topic id; v14: tiered storage errors; v15: tagged
// replicaState for followers; v16: tagged nodeEndpoints; v17: replicaDirectoryId; v18:
// tagged highWatermark for followers); kspec has no topic ids and stops at v12
// (docs/kafka-4.4-baseline.md).
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import {
  array,
  field,
  type Infer,
  type Input,
  int8,
  int16,
  int32,
  int64,
  nullable,
  records,
  since,
  string,
  struct,
  tagged,
} from '../schema.ts';
import { leaderIdAndEpoch } from './00-produce.ts';

export const fetchRequest = struct(
  {
    replicaId: field(int32),
    maxWaitMs: field(int32),
    minBytes: field(int32),
    maxBytes: since(3, int32, { default: 2147483647 }),
    isolationLevel: since(4, int8),
    sessionId: since(7, int32),
    sessionEpoch: since(7, int32, { default: -1 }),
    topics: field(
      array(
        struct({
          topic: field(string),
          partitions: field(
            array(
              struct({
                partition: field(int32),
                currentLeaderEpoch: since(9, int32, { default: -1 }),
                fetchOffset: field(int64),
                lastFetchedEpoch: since(12, int32, { default: -1 }),
                logStartOffset: since(5, int64, { default: -1 }),
                partitionMaxBytes: field(int32),
              }),
            ),
          ),
        }),
      ),
    ),
    forgottenTopicsData: since(
      7,
      array(
        struct({
          topic: field(string),
          partitions: field(array(int32)),
        }),
      ),
    ),
    rackId: since(11, string),
    clusterId: tagged(0, 12, nullable(string), { default: null }),
  },
  { flexible: 12 },
);

export const fetchResponse = struct(
  {
    throttleTimeMs: since(1, int32),
    errorCode: since(7, int16),
    sessionId: since(7, int32),
    responses: field(
      array(
        struct({
          topic: field(string),
          partitions: field(
            array(
              struct({
                partitionIndex: field(int32),
                errorCode: field(int16),
                highWatermark: field(int64),
                lastStableOffset: since(4, int64, { default: -1 }),
                logStartOffset: since(5, int64, { default: -1 }),
                abortedTransactions: since(
                  4,
                  nullable(
                    array(
                      struct({
                        producerId: field(int64),
                        firstOffset: field(int64),
                      }),
                    ),
                    4,
                  ),
                ),
                preferredReadReplica: since(11, int32, { default: -1 }),
                records: field(nullable(records)),
                divergingEpoch: tagged(
                  0,
                  12,
                  struct({
                    epoch: since(0, int32, { default: -1 }),
                    endOffset: since(0, int64, { default: -1 }),
                  }),
                ),
                currentLeader: tagged(1, 12, leaderIdAndEpoch),
                snapshotId: tagged(
                  2,
                  12,
                  struct({
                    endOffset: since(0, int64, { default: -1 }),
                    epoch: since(0, int32, { default: -1 }),
                  }),
                ),
              }),
            ),
          ),
        }),
      ),
    ),
  },
  { flexible: 12 },
);

export type FetchRequest = Infer<typeof fetchRequest>;
export type FetchRequestInput = Input<typeof fetchRequest>;
export type FetchResponse = Infer<typeof fetchResponse>;
export type FetchResponseInput = Input<typeof fetchResponse>;

export const fetchApi = defineApi({
  key: 1,
  name: 'Fetch',
  minVersion: 0,
  maxVersion: 12,
  request: fetchRequest,
  response: fetchResponse,
});
