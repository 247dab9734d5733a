// FindCoordinator (api key 10), versions 0-6, flexible from 3. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's FindCoordinatorRequest/Response.json:
//   v1: request +keyType; response +throttleTimeMs +errorMessage
//   v2: same fields as v1
//   v3: flexible (compact forms, tagged fields)
//   v4: request -key +coordinatorKeys; response -errorCode -errorMessage -nodeId -host -port
//       +coordinators (KIP-699: one request finds the coordinators of several keys)
//   v5: same fields as v4 (TRANSACTION_ABORTABLE may be answered, KIP-890)
//   v6: same fields as v5 (keyType 2, share groups, KIP-932)
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import {
  array,
  field,
  type Infer,
  type Input,
  int8,
  int16,
  int32,
  nullable,
  since,
  string,
  struct,
} from '../schema.ts';

export const findCoordinatorRequest = struct(
  {
    key: since(0, string, { to: 3 }),
    keyType: since(1, int8),
    coordinatorKeys: since(4, array(string)),
  },
  { flexible: 3 },
);

export const findCoordinatorResponse = struct(
  {
    throttleTimeMs: since(1, int32),
    errorCode: since(0, int16, { to: 3 }),
    errorMessage: since(1, nullable(string, 1), { to: 3 }),
    nodeId: since(0, int32, { to: 3 }),
    host: since(0, string, { to: 3 }),
    port: since(0, int32, { to: 3 }),
    coordinators: since(
      4,
      array(
        struct({
          key: field(string),
          nodeId: field(int32),
          host: field(string),
          port: field(int32),
          errorCode: field(int16),
          errorMessage: field(nullable(string)),
        }),
      ),
    ),
  },
  { flexible: 3 },
);

export type FindCoordinatorRequest = Infer<typeof findCoordinatorRequest>;
export type FindCoordinatorRequestInput = Input<typeof findCoordinatorRequest>;
export type FindCoordinatorResponse = Infer<typeof findCoordinatorResponse>;
export type FindCoordinatorResponseInput = Input<typeof findCoordinatorResponse>;

export const findCoordinatorApi = defineApi({
  key: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 6,
  request: findCoordinatorRequest,
  response: findCoordinatorResponse,
});
