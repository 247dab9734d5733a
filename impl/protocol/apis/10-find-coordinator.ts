// FindCoordinator (api key 10), versions 0-2, all non-flexible. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's FindCoordinatorRequest/Response.json:
//   v1: request +keyType; response +throttleTimeMs +errorMessage
//   v2: same fields as v1
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import {
  field,
  type Infer,
  type Input,
  int8,
  int16,
  int32,
  nullable,
  since,
  string,
  struct,
} from '../schema.ts';

export const findCoordinatorRequest = struct({
  key: field(string),
  keyType: since(1, int8),
});

export const findCoordinatorResponse = struct({
  throttleTimeMs: since(1, int32),
  errorCode: field(int16),
  errorMessage: since(1, nullable(string, 1)),
  nodeId: field(int32),
  host: field(string),
  port: field(int32),
});

export type FindCoordinatorRequest = Infer<typeof findCoordinatorRequest>;
export type FindCoordinatorRequestInput = Input<typeof findCoordinatorRequest>;
export type FindCoordinatorResponse = Infer<typeof findCoordinatorResponse>;
export type FindCoordinatorResponseInput = Input<typeof findCoordinatorResponse>;

export const findCoordinatorApi = defineApi({
  key: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 2,
  request: findCoordinatorRequest,
  response: findCoordinatorResponse,
});
