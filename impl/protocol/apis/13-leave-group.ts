// LeaveGroup (api key 13), versions 0-5, flexible from 4. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's LeaveGroupRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: same fields as v1
//   v3: request -memberId +members; response +members
//   v4: flexible (compact forms, tagged fields)
//   v5: request +members.reason (KIP-800)
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import {
  array,
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

export const leaveGroupRequest = struct(
  {
    groupId: field(string),
    memberId: since(0, string, { to: 2 }),
    members: since(
      3,
      array(
        struct({
          memberId: field(string),
          groupInstanceId: field(nullable(string, 3)),
          reason: since(5, nullable(string, 5), { default: null }),
        }),
      ),
    ),
  },
  { flexible: 4 },
);

export const leaveGroupResponse = struct(
  {
    throttleTimeMs: since(1, int32),
    errorCode: field(int16),
    members: since(
      3,
      array(
        struct({
          memberId: field(string),
          groupInstanceId: field(nullable(string, 3)),
          errorCode: field(int16),
        }),
      ),
    ),
  },
  { flexible: 4 },
);

export type LeaveGroupRequest = Infer<typeof leaveGroupRequest>;
export type LeaveGroupRequestInput = Input<typeof leaveGroupRequest>;
export type LeaveGroupResponse = Infer<typeof leaveGroupResponse>;
export type LeaveGroupResponseInput = Input<typeof leaveGroupResponse>;

export const leaveGroupApi = defineApi({
  key: 13,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 5,
  request: leaveGroupRequest,
  response: leaveGroupResponse,
});
