// ListGroups (api key 16), versions 0-5, flexible from 3. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's ListGroupsRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: same fields as v1
//   v3: flexible (compact forms, tagged fields)
//   v4: request +statesFilter; response +groups.groupState (KIP-518)
//   v5: request +typesFilter; response +groups.groupType (KIP-848)
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import { array, field, type Infer, type Input, int16, int32, since, string, struct } from '../schema.ts';

export const listGroupsRequest = struct(
  {
    statesFilter: since(4, array(string)),
    typesFilter: since(5, array(string)),
  },
  { flexible: 3 },
);

export const listGroupsResponse = struct(
  {
    throttleTimeMs: since(1, int32),
    errorCode: field(int16),
    groups: field(
      array(
        struct({
          groupId: field(string),
          protocolType: field(string),
          groupState: since(4, string),
          groupType: since(5, string),
        }),
      ),
    ),
  },
  { flexible: 3 },
);

export type ListGroupsRequest = Infer<typeof listGroupsRequest>;
export type ListGroupsRequestInput = Input<typeof listGroupsRequest>;
export type ListGroupsResponse = Infer<typeof listGroupsResponse>;
export type ListGroupsResponseInput = Input<typeof listGroupsResponse>;

export const listGroupsApi = defineApi({
  key: 16,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 5,
  request: listGroupsRequest,
  response: listGroupsResponse,
});
