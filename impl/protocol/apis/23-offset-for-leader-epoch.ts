// OffsetForLeaderEpoch (api key 23), versions 0-4, flexible from 4. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's OffsetForLeaderEpochRequest/Response.json:
//   v1: response +topics.partitions.leaderEpoch
//   v2: request +topics.partitions.currentLeaderEpoch; response +throttleTimeMs
//   v3: request +replicaId
//   v4: flexible (compact forms, tagged fields)
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
  since,
  string,
  struct,
} from '../schema.ts';

export const offsetForLeaderEpochRequest = struct(
  {
    replicaId: since(3, int32, { default: -2 }),
    topics: field(
      array(
        struct({
          topic: field(string),
          partitions: field(
            array(
              struct({
                partition: field(int32),
                currentLeaderEpoch: since(2, int32, { default: -1 }),
                leaderEpoch: field(int32),
              }),
            ),
          ),
        }),
      ),
    ),
  },
  { flexible: 4 },
);

export const offsetForLeaderEpochResponse = struct(
  {
    throttleTimeMs: since(2, int32),
    topics: field(
      array(
        struct({
          topic: field(string),
          partitions: field(
            array(
              struct({
                errorCode: field(int16),
                partition: field(int32),
                leaderEpoch: since(1, int32, { default: -1 }),
                endOffset: field(int64),
              }),
            ),
          ),
        }),
      ),
    ),
  },
  { flexible: 4 },
);

export type OffsetForLeaderEpochRequest = Infer<typeof offsetForLeaderEpochRequest>;
export type OffsetForLeaderEpochRequestInput = Input<typeof offsetForLeaderEpochRequest>;
export type OffsetForLeaderEpochResponse = Infer<typeof offsetForLeaderEpochResponse>;
export type OffsetForLeaderEpochResponseInput = Input<typeof offsetForLeaderEpochResponse>;

export const offsetForLeaderEpochApi = defineApi({
  key: 23,
  name: 'OffsetForLeaderEpoch',
  minVersion: 0,
  maxVersion: 4,
  request: offsetForLeaderEpochRequest,
  response: offsetForLeaderEpochResponse,
});
