// Produce (api key 0), versions 0-7, all non-flexible. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's ProduceRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: response +responses.partitionResponses.logAppendTimeMs
//   v3: request +transactionalId
//   v4: same fields as v3
//   v5: response +responses.partitionResponses.logStartOffset
//   v6: same fields as v5
//   v7: same fields as v6
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
  records,
  since,
  string,
  struct,
} from '../schema.ts';

export const produceRequest = struct({
  transactionalId: since(3, nullable(string, 3)),
  acks: field(int16),
  timeoutMs: field(int32),
  topicData: field(
    array(
      struct({
        name: field(string),
        partitionData: field(
          array(
            struct({
              index: field(int32),
              records: field(nullable(records)),
            }),
          ),
        ),
      }),
    ),
  ),
});

export const produceResponse = struct({
  responses: field(
    array(
      struct({
        name: field(string),
        partitionResponses: field(
          array(
            struct({
              index: field(int32),
              errorCode: field(int16),
              baseOffset: field(int64),
              logAppendTimeMs: since(2, int64, { default: -1 }),
              logStartOffset: since(5, int64, { default: -1 }),
            }),
          ),
        ),
      }),
    ),
  ),
  throttleTimeMs: since(1, int32),
});

export type ProduceRequest = Infer<typeof produceRequest>;
export type ProduceRequestInput = Input<typeof produceRequest>;
export type ProduceResponse = Infer<typeof produceResponse>;
export type ProduceResponseInput = Input<typeof produceResponse>;

export const produceApi = defineApi({
  key: 0,
  name: 'Produce',
  minVersion: 0,
  maxVersion: 7,
  request: produceRequest,
  response: produceResponse,
});
