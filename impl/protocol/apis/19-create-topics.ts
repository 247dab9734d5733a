// CreateTopics (api key 19), versions 0-7, flexible from 5. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's CreateTopicsRequest/Response.json:
//   v1: request +validateOnly; response +topics.errorMessage
//   v2: response +throttleTimeMs
//   v3: same fields as v2
//   v4: same fields as v3 (numPartitions and replicationFactor may be -1: the broker's defaults)
//   v5: flexible (compact forms, tagged fields); response +topics.numPartitions
//       +topics.replicationFactor +topics.configs, tagged +topics.topicConfigErrorCode (0)
//   v6: same fields as v5 (THROTTLING_QUOTA_EXCEEDED may be answered, KIP-599)
//   v7: response +topics.topicId (the new topic's id; the zero Uuid with an error). kspec gives a
//       topic the id derived from its name (impl/broker/topic-ids.ts); nothing else it serves
//       carries topic ids yet (docs/kafka-4.4-baseline.md).
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
  tagged,
  uuid,
} from '../schema.ts';

export const createTopicsRequest = struct(
  {
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
  },
  { flexible: 5 },
);

export const createTopicsResponse = struct(
  {
    throttleTimeMs: since(2, int32),
    topics: field(
      array(
        struct({
          name: field(string),
          topicId: since(7, uuid),
          errorCode: field(int16),
          errorMessage: since(1, nullable(string, 1)),
          numPartitions: since(5, int32, { default: -1 }),
          replicationFactor: since(5, int16, { default: -1 }),
          configs: since(
            5,
            nullable(
              array(
                struct({
                  name: field(string),
                  value: field(nullable(string)),
                  readOnly: field(bool),
                  configSource: field(int8),
                  isSensitive: field(bool),
                }),
              ),
              5,
            ),
            { default: [] },
          ),
          topicConfigErrorCode: tagged(0, 5, int16),
        }),
      ),
    ),
  },
  { flexible: 5 },
);

export type CreateTopicsRequest = Infer<typeof createTopicsRequest>;
export type CreateTopicsRequestInput = Input<typeof createTopicsRequest>;
export type CreateTopicsResponse = Infer<typeof createTopicsResponse>;
export type CreateTopicsResponseInput = Input<typeof createTopicsResponse>;

export const createTopicsApi = defineApi({
  key: 19,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 7,
  request: createTopicsRequest,
  response: createTopicsResponse,
});
