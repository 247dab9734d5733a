// SyncGroup (api key 14), versions 0-5, flexible from 4. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's SyncGroupRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: same fields as v1
//   v3: request +groupInstanceId
//   v4: flexible (compact forms, tagged fields)
//   v5: request +protocolType +protocolName; response +protocolType +protocolName (KIP-559)
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import {
  array,
  bytes,
  field,
  type Infer,
  type Input,
  int16,
  int32,
  nullable,
  since,
  string,
  struct,
} from '../schema.ts';

export const syncGroupRequest = struct(
  {
    groupId: field(string),
    generationId: field(int32),
    memberId: field(string),
    groupInstanceId: since(3, nullable(string, 3)),
    protocolType: since(5, nullable(string, 5), { default: null }),
    protocolName: since(5, nullable(string, 5), { default: null }),
    assignments: field(
      array(
        struct({
          memberId: field(string),
          assignment: field(bytes),
        }),
      ),
    ),
  },
  { flexible: 4 },
);

export const syncGroupResponse = struct(
  {
    throttleTimeMs: since(1, int32),
    errorCode: field(int16),
    protocolType: since(5, nullable(string, 5), { default: null }),
    protocolName: since(5, nullable(string, 5), { default: null }),
    assignment: field(bytes),
  },
  { flexible: 4 },
);

export type SyncGroupRequest = Infer<typeof syncGroupRequest>;
export type SyncGroupRequestInput = Input<typeof syncGroupRequest>;
export type SyncGroupResponse = Infer<typeof syncGroupResponse>;
export type SyncGroupResponseInput = Input<typeof syncGroupResponse>;

export const syncGroupApi = defineApi({
  key: 14,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 5,
  request: syncGroupRequest,
  response: syncGroupResponse,
});
