// DescribeGroups (api key 15), versions 0-2, all non-flexible. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's DescribeGroupsRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: same fields as v1
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
  since,
  string,
  struct,
} from '../schema.ts';

export const describeGroupsRequest = struct({
  groups: field(array(string)),
});

export const describeGroupsResponse = struct({
  throttleTimeMs: since(1, int32),
  groups: field(
    array(
      struct({
        errorCode: field(int16),
        groupId: field(string),
        groupState: field(string),
        protocolType: field(string),
        protocolData: field(string),
        members: field(
          array(
            struct({
              memberId: field(string),
              clientId: field(string),
              clientHost: field(string),
              memberMetadata: field(bytes),
              memberAssignment: field(bytes),
            }),
          ),
        ),
      }),
    ),
  ),
});

export type DescribeGroupsRequest = Infer<typeof describeGroupsRequest>;
export type DescribeGroupsRequestInput = Input<typeof describeGroupsRequest>;
export type DescribeGroupsResponse = Infer<typeof describeGroupsResponse>;
export type DescribeGroupsResponseInput = Input<typeof describeGroupsResponse>;

export const describeGroupsApi = defineApi({
  key: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 2,
  request: describeGroupsRequest,
  response: describeGroupsResponse,
});
