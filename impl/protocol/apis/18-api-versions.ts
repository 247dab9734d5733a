// ApiVersions (api key 18), versions 0-4, flexible from 3. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's ApiVersionsRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: same fields as v1
//   v3: flexible (compact forms, tagged fields; the response header stays v0 in every version);
//       request +clientSoftwareName +clientSoftwareVersion; response tagged +supportedFeatures (0)
//       +finalizedFeaturesEpoch (1) +finalizedFeatures (2) +zkMigrationReady (3)
//   v4: same fields as v3 (a supported feature's minVersion may be 0, KAFKA-17011)
// Kafka 4.4 also serves v5 (request +clusterId +nodeId, checked against the broker's own); kspec
// stops at v4 (docs/kafka-4.4-baseline.md).
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import {
  array,
  bool,
  field,
  type Infer,
  type Input,
  int16,
  int32,
  int64,
  since,
  string,
  struct,
  tagged,
} from '../schema.ts';

export const apiVersionsRequest = struct(
  {
    clientSoftwareName: since(3, string),
    clientSoftwareVersion: since(3, string),
  },
  { flexible: 3 },
);

export const apiVersionsResponse = struct(
  {
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
    supportedFeatures: tagged(
      0,
      3,
      array(struct({ name: field(string), minVersion: field(int16), maxVersion: field(int16) })),
    ),
    finalizedFeaturesEpoch: tagged(1, 3, int64, { default: -1 }),
    finalizedFeatures: tagged(
      2,
      3,
      array(struct({ name: field(string), maxVersionLevel: field(int16), minVersionLevel: field(int16) })),
    ),
    zkMigrationReady: tagged(3, 3, bool),
  },
  { flexible: 3 },
);

export type ApiVersionsRequest = Infer<typeof apiVersionsRequest>;
export type ApiVersionsRequestInput = Input<typeof apiVersionsRequest>;
export type ApiVersionsResponse = Infer<typeof apiVersionsResponse>;
export type ApiVersionsResponseInput = Input<typeof apiVersionsResponse>;

export const apiVersionsApi = defineApi({
  key: 18,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 4,
  request: apiVersionsRequest,
  response: apiVersionsResponse,
});
