// Heartbeat (api key 12), versions 0-3, all non-flexible. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's HeartbeatRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: same fields as v1
//   v3: request +groupInstanceId
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import { field, type Infer, type Input, int16, int32, nullable, since, string, struct } from '../schema.ts';

export const heartbeatRequest = struct({
  groupId: field(string),
  generationId: field(int32),
  memberId: field(string),
  groupInstanceId: since(3, nullable(string, 3)),
});

export const heartbeatResponse = struct({
  throttleTimeMs: since(1, int32),
  errorCode: field(int16),
});

export type HeartbeatRequest = Infer<typeof heartbeatRequest>;
export type HeartbeatRequestInput = Input<typeof heartbeatRequest>;
export type HeartbeatResponse = Infer<typeof heartbeatResponse>;
export type HeartbeatResponseInput = Input<typeof heartbeatResponse>;

export const heartbeatApi = defineApi({
  key: 12,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 3,
  request: heartbeatRequest,
  response: heartbeatResponse,
});
