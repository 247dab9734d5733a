// Heartbeat (api key 12), versions 0-4, flexible from 4. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's HeartbeatRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: same fields as v1
//   v3: request +groupInstanceId
//   v4: flexible (compact forms, tagged fields)
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import { field, type Infer, type Input, int16, int32, nullable, since, string, struct } from '../schema.ts';

export const heartbeatRequest = struct(
  {
    groupId: field(string),
    generationId: field(int32),
    memberId: field(string),
    groupInstanceId: since(3, nullable(string, 3)),
  },
  { flexible: 4 },
);

export const heartbeatResponse = struct(
  {
    throttleTimeMs: since(1, int32),
    errorCode: field(int16),
  },
  { flexible: 4 },
);

export type HeartbeatRequest = Infer<typeof heartbeatRequest>;
export type HeartbeatRequestInput = Input<typeof heartbeatRequest>;
export type HeartbeatResponse = Infer<typeof heartbeatResponse>;
export type HeartbeatResponseInput = Input<typeof heartbeatResponse>;

export const heartbeatApi = defineApi({
  key: 12,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 4,
  request: heartbeatRequest,
  response: heartbeatResponse,
});
