// DeleteTopics (api key 20), versions 0-5, flexible from 4. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's DeleteTopicsRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: same fields as v1
//   v3: same fields as v2
//   v4: flexible (compact forms, tagged fields)
//   v5: response +responses.errorMessage
// Kafka 4.4 also serves v6 (topics by name or topic id); kspec has no topic ids and stops at v5
// (docs/kafka-4.4-baseline.md).
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

export const deleteTopicsRequest = struct(
  {
    topicNames: field(array(string)),
    timeoutMs: field(int32),
  },
  { flexible: 4 },
);

export const deleteTopicsResponse = struct(
  {
    throttleTimeMs: since(1, int32),
    responses: field(
      array(
        struct({
          name: field(string),
          errorCode: field(int16),
          errorMessage: since(5, nullable(string, 5), { default: null }),
        }),
      ),
    ),
  },
  { flexible: 4 },
);

export type DeleteTopicsRequest = Infer<typeof deleteTopicsRequest>;
export type DeleteTopicsRequestInput = Input<typeof deleteTopicsRequest>;
export type DeleteTopicsResponse = Infer<typeof deleteTopicsResponse>;
export type DeleteTopicsResponseInput = Input<typeof deleteTopicsResponse>;

export const deleteTopicsApi = defineApi({
  key: 20,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 5,
  request: deleteTopicsRequest,
  response: deleteTopicsResponse,
});
