// CreateTopics (api key 19), versions 0-3, all non-flexible. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's CreateTopicsRequest/Response.json:
//   v1: request +validateOnly; response +topics.errorMessage
//   v2: response +throttleTimeMs
//   v3: same fields as v2
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
  nullable,
  since,
  string,
  struct,
} from '../schema.ts';

export const createTopicsRequest = struct({
  topics: field(
    array(
      struct({
        name: field(string),
        numPartitions: field(int32),
        replicationFactor: field(int16),
        assignments: field(
          array(
            struct({
              partitionIndex: field(int32),
              brokerIds: field(array(int32)),
            }),
          ),
        ),
        configs: field(
          array(
            struct({
              name: field(string),
              value: field(nullable(string)),
            }),
          ),
        ),
      }),
    ),
  ),
  timeoutMs: field(int32),
  validateOnly: since(1, bool),
});

export const createTopicsResponse = struct({
  throttleTimeMs: since(2, int32),
  topics: field(
    array(
      struct({
        name: field(string),
        errorCode: field(int16),
        errorMessage: since(1, nullable(string, 1)),
      }),
    ),
  ),
});

export type CreateTopicsRequest = Infer<typeof createTopicsRequest>;
export type CreateTopicsRequestInput = Input<typeof createTopicsRequest>;
export type CreateTopicsResponse = Infer<typeof createTopicsResponse>;
export type CreateTopicsResponseInput = Input<typeof createTopicsResponse>;

export const createTopicsApi = defineApi({
  key: 19,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 3,
  request: createTopicsRequest,
  response: createTopicsResponse,
});
