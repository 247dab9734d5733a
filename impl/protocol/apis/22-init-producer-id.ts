// InitProducerId (api key 22), versions 0-5, flexible from 2. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's InitProducerIdRequest/Response.json:
//   v1: same fields as v0
//   v2: flexible (compact forms, tagged fields)
//   v3: request +producerId +producerEpoch (KIP-360: a producer may ask to bump its epoch)
//   v4: same fields as v3 (PRODUCER_FENCED instead of INVALID_PRODUCER_EPOCH)
//   v5: same fields as v4 (transactions v2, KIP-890)
// Kafka 4.4 has v6 as an unstable version (two-phase commit, KIP-939); not served.
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import {
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

export const initProducerIdRequest = struct(
  {
    transactionalId: field(nullable(string)),
    transactionTimeoutMs: field(int32),
    producerId: since(3, int64, { default: -1 }),
    producerEpoch: since(3, int16, { default: -1 }),
  },
  { flexible: 2 },
);

export const initProducerIdResponse = struct(
  {
    throttleTimeMs: field(int32),
    errorCode: field(int16),
    producerId: field(int64),
    producerEpoch: field(int16),
  },
  { flexible: 2 },
);

export type InitProducerIdRequest = Infer<typeof initProducerIdRequest>;
export type InitProducerIdRequestInput = Input<typeof initProducerIdRequest>;
export type InitProducerIdResponse = Infer<typeof initProducerIdResponse>;
export type InitProducerIdResponseInput = Input<typeof initProducerIdResponse>;

export const initProducerIdApi = defineApi({
  key: 22,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 5,
  request: initProducerIdRequest,
  response: initProducerIdResponse,
});
