// ApiVersions (api key 18), versions 0-2, all non-flexible. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's ApiVersionsRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: same fields as v1
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import { array, field, type Infer, type Input, int16, int32, since, struct } from '../schema.ts';

export const apiVersionsRequest = struct({});

export const apiVersionsResponse = struct({
  errorCode: field(int16),
  apiKeys: field(
    array(
      struct({
        apiKey: field(int16),
        minVersion: field(int16),
        maxVersion: field(int16),
      }),
    ),
  ),
  throttleTimeMs: since(1, int32),
});

export type ApiVersionsRequest = Infer<typeof apiVersionsRequest>;
export type ApiVersionsRequestInput = Input<typeof apiVersionsRequest>;
export type ApiVersionsResponse = Infer<typeof apiVersionsResponse>;
export type ApiVersionsResponseInput = Input<typeof apiVersionsResponse>;

export const apiVersionsApi = defineApi({
  key: 18,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 2,
  request: apiVersionsRequest,
  response: apiVersionsResponse,
});
