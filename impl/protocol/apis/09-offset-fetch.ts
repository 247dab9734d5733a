// OffsetFetch (api key 9), versions 0-4, all non-flexible. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's OffsetFetchRequest/Response.json:
//   v1: same fields as v0
//   v2: request topics nullable; response +errorCode
//   v3: response +throttleTimeMs
//   v4: same fields as v3
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

export const offsetFetchRequest = struct({
  groupId: field(string),
  topics: field(
    nullable(
      array(
        struct({
          name: field(string),
          partitionIndexes: field(array(int32)),
        }),
      ),
      2,
    ),
  ),
});

export const offsetFetchResponse = struct({
  throttleTimeMs: since(3, int32),
  topics: field(
    array(
      struct({
        name: field(string),
        partitions: field(
          array(
            struct({
              partitionIndex: field(int32),
              committedOffset: field(int64),
              metadata: field(nullable(string)),
              errorCode: field(int16),
            }),
          ),
        ),
      }),
    ),
  ),
  errorCode: since(2, int16),
});

export type OffsetFetchRequest = Infer<typeof offsetFetchRequest>;
export type OffsetFetchRequestInput = Input<typeof offsetFetchRequest>;
export type OffsetFetchResponse = Infer<typeof offsetFetchResponse>;
export type OffsetFetchResponseInput = Input<typeof offsetFetchResponse>;

export const offsetFetchApi = defineApi({
  key: 9,
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 4,
  request: offsetFetchRequest,
  response: offsetFetchResponse,
});
