// DescribeConfigs (api key 32), versions 1-4, flexible from 4 (Kafka 4.4 serves 1-4; v0 was
// removed in 4.0, KIP-896). Field changes by version (+ added, - removed; nested fields by path),
// from Kafka's DescribeConfigsRequest/Response.json:
//   v1: request +includeSynonyms; response +results.configs.configSource, +results.configs.synonyms
//   v2: same fields as v1
//   v3: request +includeDocumentation; response +results.configs.configType, +results.configs.documentation
//   v4: flexible (compact forms, tagged fields)
// A version without field changes differs in semantics only (new error codes or behaviour).
import { defineApi } from '../api.ts';
import {
  array,
  bool,
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

export const describeConfigsRequest = struct(
  {
    resources: field(
      array(
        struct({
          resourceType: field(int8),
          resourceName: field(string),
          configurationKeys: field(nullable(array(string))),
        }),
      ),
    ),
    includeSynonyms: since(1, bool),
    includeDocumentation: since(3, bool),
  },
  { flexible: 4 },
);

export const describeConfigsResponse = struct(
  {
    throttleTimeMs: field(int32),
    results: field(
      array(
        struct({
          errorCode: field(int16),
          errorMessage: field(nullable(string)),
          resourceType: field(int8),
          resourceName: field(string),
          configs: field(
            array(
              struct({
                name: field(string),
                value: field(nullable(string)),
                readOnly: field(bool),
                configSource: since(1, int8, { default: -1 }),
                isSensitive: field(bool),
                synonyms: since(
                  1,
                  array(
                    struct({
                      name: field(string),
                      value: field(nullable(string)),
                      source: field(int8),
                    }),
                  ),
                ),
                configType: since(3, int8),
                documentation: since(3, nullable(string), { default: null }),
              }),
            ),
          ),
        }),
      ),
    ),
  },
  { flexible: 4 },
);

export type DescribeConfigsRequest = Infer<typeof describeConfigsRequest>;
export type DescribeConfigsRequestInput = Input<typeof describeConfigsRequest>;
export type DescribeConfigsResponse = Infer<typeof describeConfigsResponse>;
export type DescribeConfigsResponseInput = Input<typeof describeConfigsResponse>;

export const describeConfigsApi = defineApi({
  key: 32,
  name: 'DescribeConfigs',
  minVersion: 1,
  maxVersion: 4,
  request: describeConfigsRequest,
  response: describeConfigsResponse,
});
