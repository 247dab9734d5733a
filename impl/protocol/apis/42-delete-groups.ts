// DeleteGroups (api key 42), versions 0-2, flexible from 2. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's DeleteGroupsRequest/Response.json:
//   v1: same fields as v0 (the broker answers before throttling on a quota violation)
//   v2: flexible (compact forms, tagged fields)
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import { array, field, type Infer, type Input, int16, int32, string, struct } from '../schema.ts';

export const deleteGroupsRequest = struct({ groupsNames: field(array(string)) }, { flexible: 2 });

export const deleteGroupsResponse = struct(
  {
    throttleTimeMs: field(int32),
    results: field(array(struct({ groupId: field(string), errorCode: field(int16) }))),
  },
  { flexible: 2 },
);

export type DeleteGroupsRequest = Infer<typeof deleteGroupsRequest>;
export type DeleteGroupsRequestInput = Input<typeof deleteGroupsRequest>;
export type DeleteGroupsResponse = Infer<typeof deleteGroupsResponse>;
export type DeleteGroupsResponseInput = Input<typeof deleteGroupsResponse>;

export const deleteGroupsApi = defineApi({
  key: 42,
  name: 'DeleteGroups',
  minVersion: 0,
  maxVersion: 2,
  request: deleteGroupsRequest,
  response: deleteGroupsResponse,
});
