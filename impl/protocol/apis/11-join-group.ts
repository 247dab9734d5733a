// JoinGroup (api key 11), versions 0-9, flexible from 6. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's JoinGroupRequest/Response.json:
//   v1: request +rebalanceTimeoutMs
//   v2: response +throttleTimeMs
//   v3: same fields as v2
//   v4: same fields as v3
//   v5: request +groupInstanceId; response +members.groupInstanceId
//   v6: flexible (compact forms, tagged fields)
//   v7: response +protocolType, protocolName nullable (KIP-559)
//   v8: request +reason (KIP-800)
//   v9: response +skipAssignment
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import {
  array,
  bool,
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

export const joinGroupRequest = struct(
  {
    groupId: field(string),
    sessionTimeoutMs: field(int32),
    rebalanceTimeoutMs: since(1, int32, { default: -1 }),
    memberId: field(string),
    groupInstanceId: since(5, nullable(string, 5)),
    protocolType: field(string),
    protocols: field(
      array(
        struct({
          name: field(string),
          metadata: field(bytes),
        }),
      ),
    ),
    reason: since(8, nullable(string, 8), { default: null }),
  },
  { flexible: 6 },
);

export const joinGroupResponse = struct(
  {
    throttleTimeMs: since(2, int32),
    errorCode: field(int16),
    generationId: field(int32),
    protocolType: since(7, nullable(string, 7), { default: null }),
    protocolName: field(nullable(string, 7)),
    leader: field(string),
    skipAssignment: since(9, bool),
    memberId: field(string),
    members: field(
      array(
        struct({
          memberId: field(string),
          groupInstanceId: since(5, nullable(string, 5)),
          metadata: field(bytes),
        }),
      ),
    ),
  },
  { flexible: 6 },
);

export type JoinGroupRequest = Infer<typeof joinGroupRequest>;
export type JoinGroupRequestInput = Input<typeof joinGroupRequest>;
export type JoinGroupResponse = Infer<typeof joinGroupResponse>;
export type JoinGroupResponseInput = Input<typeof joinGroupResponse>;

export const joinGroupApi = defineApi({
  key: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 9,
  request: joinGroupRequest,
  response: joinGroupResponse,
});
