// JoinGroup (api key 11), versions 0-5, all non-flexible. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's JoinGroupRequest/Response.json:
//   v1: request +rebalanceTimeoutMs
//   v2: response +throttleTimeMs
//   v3: same fields as v2
//   v4: same fields as v3
//   v5: request +groupInstanceId; response +members.groupInstanceId
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

export const joinGroupRequest = struct({
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
});

export const joinGroupResponse = struct({
  throttleTimeMs: since(2, int32),
  errorCode: field(int16),
  generationId: field(int32),
  protocolName: field(string),
  leader: field(string),
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
});

export type JoinGroupRequest = Infer<typeof joinGroupRequest>;
export type JoinGroupRequestInput = Input<typeof joinGroupRequest>;
export type JoinGroupResponse = Infer<typeof joinGroupResponse>;
export type JoinGroupResponseInput = Input<typeof joinGroupResponse>;

export const joinGroupApi = defineApi({
  key: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 5,
  request: joinGroupRequest,
  response: joinGroupResponse,
});
