// OffsetFetch (api key 9), versions 0-9, flexible from 6. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's OffsetFetchRequest/Response.json:
//   v1: same fields as v0
//   v2: request topics nullable; response +errorCode
//   v3: response +throttleTimeMs
//   v4: same fields as v3
//   v5: response +topics.partitions.committedLeaderEpoch
//   v6: flexible (compact forms, tagged fields)
//   v7: request +requireStable (UNSTABLE_OFFSET_COMMIT while a transaction holds an offset)
//   v8: request -groupId -topics +groups; response -topics -errorCode +groups (several groups
//       in one request, each answered with its own error)
//   v9: request +groups.memberId +groups.memberEpoch (checked for KIP-848 groups only)
// Kafka 4.4 also serves v10 (topics by topic id); kspec has no topic ids and stops at v9
// (docs/kafka-4.4-baseline.md).
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import {
  array,
  bool,
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

const requestTopic = struct({
  name: field(string),
  partitionIndexes: field(array(int32)),
});

export const offsetFetchRequest = struct(
  {
    groupId: since(0, string, { to: 7 }),
    topics: since(0, nullable(array(requestTopic), 2), { to: 7 }),
    groups: since(
      8,
      array(
        struct({
          groupId: field(string),
          memberId: since(9, nullable(string, 9), { default: null }),
          memberEpoch: since(9, int32, { default: -1 }),
          topics: field(nullable(array(requestTopic))),
        }),
      ),
    ),
    requireStable: since(7, bool),
  },
  { flexible: 6 },
);

const responseTopicStruct = struct({
  name: field(string),
  partitions: field(
    array(
      struct({
        partitionIndex: field(int32),
        committedOffset: field(int64),
        committedLeaderEpoch: since(5, int32, { default: -1 }),
        metadata: field(nullable(string)),
        errorCode: field(int16),
      }),
    ),
  ),
});

export const offsetFetchResponse = struct(
  {
    throttleTimeMs: since(3, int32),
    topics: since(0, array(responseTopicStruct), { to: 7 }),
    errorCode: since(2, int16, { to: 7 }),
    groups: since(
      8,
      array(
        struct({
          groupId: field(string),
          topics: field(array(responseTopicStruct)),
          errorCode: field(int16),
        }),
      ),
    ),
  },
  { flexible: 6 },
);

export type OffsetFetchRequest = Infer<typeof offsetFetchRequest>;
export type OffsetFetchRequestInput = Input<typeof offsetFetchRequest>;
export type OffsetFetchResponse = Infer<typeof offsetFetchResponse>;
export type OffsetFetchResponseInput = Input<typeof offsetFetchResponse>;

export const offsetFetchApi = defineApi({
  key: 9,
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 9,
  request: offsetFetchRequest,
  response: offsetFetchResponse,
});
