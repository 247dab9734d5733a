// InitProducerId (api key 22), versions 0-1, all non-flexible. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's InitProducerIdRequest/Response.json:
//   v1: same fields as v0
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import { field, type Infer, type Input, int16, int32, int64, nullable, string, struct } from '../schema.ts';

export const initProducerIdRequest = struct({
  transactionalId: field(nullable(string)),
  transactionTimeoutMs: field(int32),
});

export const initProducerIdResponse = struct({
  throttleTimeMs: field(int32),
  errorCode: field(int16),
  producerId: field(int64),
  producerEpoch: field(int16),
});

export type InitProducerIdRequest = Infer<typeof initProducerIdRequest>;
export type InitProducerIdRequestInput = Input<typeof initProducerIdRequest>;
export type InitProducerIdResponse = Infer<typeof initProducerIdResponse>;
export type InitProducerIdResponseInput = Input<typeof initProducerIdResponse>;

export const initProducerIdApi = defineApi({
  key: 22,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 1,
  request: initProducerIdRequest,
  response: initProducerIdResponse,
});
