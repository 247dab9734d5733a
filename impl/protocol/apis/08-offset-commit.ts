// OffsetCommit (api key 8), versions 0-5, all non-flexible. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's OffsetCommitRequest/Response.json:
//   v1: request +generationId +memberId +topics.partitions.commitTimestamp
//   v2: request +retentionTimeMs -topics.partitions.commitTimestamp
//   v3: response +throttleTimeMs
//   v4: same fields as v3
//   v5: request -retentionTimeMs
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

export const offsetCommitRequest = struct({
  groupId: field(string),
  generationId: since(1, int32, { default: -1 }),
  memberId: since(1, string),
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
              commitTimestamp: since(1, int64, { to: 1, default: -1 }),
              committedMetadata: field(nullable(string)),
            }),
          ),
        ),
      }),
    ),
  ),
});

export const offsetCommitResponse = struct({
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
});

export type OffsetCommitRequest = Infer<typeof offsetCommitRequest>;
export type OffsetCommitRequestInput = Input<typeof offsetCommitRequest>;
export type OffsetCommitResponse = Infer<typeof offsetCommitResponse>;
export type OffsetCommitResponseInput = Input<typeof offsetCommitResponse>;

export const offsetCommitApi = defineApi({
  key: 8,
  name: 'OffsetCommit',
  minVersion: 0,
  maxVersion: 5,
  request: offsetCommitRequest,
  response: offsetCommitResponse,
});
