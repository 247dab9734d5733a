// OffsetCommit (api key 8), versions 0-9, flexible from 8. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's OffsetCommitRequest/Response.json:
//   v1: request +generationId +memberId +topics.partitions.commitTimestamp
//   v2: request +retentionTimeMs -topics.partitions.commitTimestamp
//   v3: response +throttleTimeMs
//   v4: same fields as v3
//   v5: request -retentionTimeMs
//   v6: request +topics.partitions.committedLeaderEpoch
//   v7: request +groupInstanceId
//   v8: flexible (compact forms, tagged fields)
//   v9: same fields as v8 (GROUP_ID_NOT_FOUND for a missing group given a generation, KIP-848)
// Kafka 4.4 also serves v10 (topics by topic id); kspec has no topic ids and stops at v9
// (docs/kafka-4.4-baseline.md).
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import {
  array,
  field,
  type Infer,
  type Input,
  int16,
  int32,
  int64,
  nullable,
  since,
  string,
  struct,
} from '../schema.ts';

export const offsetCommitRequest = struct(
  {
    groupId: field(string),
    generationId: since(1, int32, { default: -1 }),
    memberId: since(1, string),
    groupInstanceId: since(7, nullable(string, 7), { default: null }),
    retentionTimeMs: since(2, int64, { to: 4, default: -1 }),
    topics: field(
      array(
        struct({
          name: field(string),
          partitions: field(
            array(
              struct({
                partitionIndex: field(int32),
                committedOffset: field(int64),
                committedLeaderEpoch: since(6, int32, { default: -1 }),
                commitTimestamp: since(1, int64, { to: 1, default: -1 }),
                committedMetadata: field(nullable(string)),
              }),
            ),
          ),
        }),
      ),
    ),
  },
  { flexible: 8 },
);

export const offsetCommitResponse = struct(
  {
    throttleTimeMs: since(3, int32),
    topics: field(
      array(
        struct({
          name: field(string),
          partitions: field(
            array(
              struct({
                partitionIndex: field(int32),
                errorCode: field(int16),
              }),
            ),
          ),
        }),
      ),
    ),
  },
  { flexible: 8 },
);

export type OffsetCommitRequest = Infer<typeof offsetCommitRequest>;
export type OffsetCommitRequestInput = Input<typeof offsetCommitRequest>;
export type OffsetCommitResponse = Infer<typeof offsetCommitResponse>;
export type OffsetCommitResponseInput = Input<typeof offsetCommitResponse>;

export const offsetCommitApi = defineApi({
  key: 8,
  name: 'OffsetCommit',
  minVersion: 0,
  maxVersion: 9,
  request: offsetCommitRequest,
  response: offsetCommitResponse,
});
