// DescribeGroups (api key 15), versions 0-6, flexible from 5. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's DescribeGroupsRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: same fields as v1
//   v3: request +includeAuthorizedOperations; response +groups.authorizedOperations
//   v4: response +groups.members.groupInstanceId
//   v5: flexible (compact forms, tagged fields)
//   v6: response +groups.errorMessage (KIP-1043: an unknown group is GROUP_ID_NOT_FOUND, not Dead)
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

/** Kafka's "authorized operations not requested" (Integer.MIN_VALUE). */
export const AUTHORIZED_OPERATIONS_OMITTED = -2147483648;

export const describeGroupsRequest = struct(
  {
    groups: field(array(string)),
    includeAuthorizedOperations: since(3, bool),
  },
  { flexible: 5 },
);

export const describeGroupsResponse = struct(
  {
    throttleTimeMs: since(1, int32),
    groups: field(
      array(
        struct({
          errorCode: field(int16),
          errorMessage: since(6, nullable(string, 6), { default: null }),
          groupId: field(string),
          groupState: field(string),
          protocolType: field(string),
          protocolData: field(string),
          members: field(
            array(
              struct({
                memberId: field(string),
                groupInstanceId: since(4, nullable(string, 4), { default: null }),
                clientId: field(string),
                clientHost: field(string),
                memberMetadata: field(bytes),
                memberAssignment: field(bytes),
              }),
            ),
          ),
          authorizedOperations: since(3, int32, { default: AUTHORIZED_OPERATIONS_OMITTED }),
        }),
      ),
    ),
  },
  { flexible: 5 },
);

export type DescribeGroupsRequest = Infer<typeof describeGroupsRequest>;
export type DescribeGroupsRequestInput = Input<typeof describeGroupsRequest>;
export type DescribeGroupsResponse = Infer<typeof describeGroupsResponse>;
export type DescribeGroupsResponseInput = Input<typeof describeGroupsResponse>;

export const describeGroupsApi = defineApi({
  key: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 6,
  request: describeGroupsRequest,
  response: describeGroupsResponse,
});
