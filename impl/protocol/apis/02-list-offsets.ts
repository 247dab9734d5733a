// ListOffsets (api key 2), versions 0-6, flexible from 6. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's ListOffsetsRequest/Response.json:
//   v1: request -topics.partitions.maxNumOffsets; response -topics.partitions.oldStyleOffsets +topics.partitions.timestamp +topics.partitions.offset
//   v2: request +isolationLevel; response +throttleTimeMs
//   v3: same fields as v2
//   v4: request +topics.partitions.currentLeaderEpoch; response +topics.partitions.leaderEpoch
//   v5: same fields as v4
//   v6: flexible (compact forms, tagged fields)
// Kafka 4.4 serves up to v11 (v7: timestamp -3, the record with the largest timestamp; v8: -4,
// earliest local; v9: -5, latest tiered; v10: +timeoutMs; v11: -6, earliest pending upload);
// kspec stops at v6 (docs/kafka-4.4-baseline.md).
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
  since,
  string,
  struct,
} from '../schema.ts';

export const listOffsetsRequest = struct(
  {
    replicaId: field(int32),
    isolationLevel: since(2, int8),
    topics: field(
      array(
        struct({
          name: field(string),
          partitions: field(
            array(
              struct({
                partitionIndex: field(int32),
                currentLeaderEpoch: since(4, int32, { default: -1 }),
                timestamp: field(int64),
                maxNumOffsets: since(0, int32, { to: 0, default: 1 }),
              }),
            ),
          ),
        }),
      ),
    ),
  },
  { flexible: 6 },
);

export const listOffsetsResponse = struct(
  {
    throttleTimeMs: since(2, int32),
    topics: field(
      array(
        struct({
          name: field(string),
          partitions: field(
            array(
              struct({
                partitionIndex: field(int32),
                errorCode: field(int16),
                oldStyleOffsets: since(0, array(int64), { to: 0 }),
                timestamp: since(1, int64, { default: -1 }),
                offset: since(1, int64, { default: -1 }),
                leaderEpoch: since(4, int32, { default: -1 }),
              }),
            ),
          ),
        }),
      ),
    ),
  },
  { flexible: 6 },
);

export type ListOffsetsRequest = Infer<typeof listOffsetsRequest>;
export type ListOffsetsRequestInput = Input<typeof listOffsetsRequest>;
export type ListOffsetsResponse = Infer<typeof listOffsetsResponse>;
export type ListOffsetsResponseInput = Input<typeof listOffsetsResponse>;

export const listOffsetsApi = defineApi({
  key: 2,
  name: 'ListOffsets',
  minVersion: 0,
  maxVersion: 6,
  request: listOffsetsRequest,
  response: listOffsetsResponse,
});
