// Metadata (api key 3), versions 0-9, flexible from 9. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's MetadataRequest/Response.json:
//   v1: request topics nullable; response +brokers.rack +controllerId +topics.isInternal
//   v2: response +clusterId
//   v3: response +throttleTimeMs
//   v4: request +allowAutoTopicCreation
//   v5: response +topics.partitions.offlineReplicas
//   v6: same fields as v5
//   v7: response +topics.partitions.leaderEpoch
//   v8: request +includeClusterAuthorizedOperations +includeTopicAuthorizedOperations;
//       response +topics.topicAuthorizedOperations +clusterAuthorizedOperations
//   v9: flexible (compact forms, tagged fields)
// Kafka 4.4 serves up to v13 (v10: topic ids, v11: -cluster authorized operations, v12: topics
// by id, v13: +errorCode); kspec has no topic ids and stops at v9 (docs/kafka-4.4-baseline.md).
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
import { AUTHORIZED_OPERATIONS_OMITTED } from './15-describe-groups.ts';

export const metadataRequest = struct(
  {
    topics: field(
      nullable(
        array(
          struct({
            name: field(string),
          }),
        ),
        1,
      ),
    ),
    allowAutoTopicCreation: since(4, bool, { default: true }),
    includeClusterAuthorizedOperations: since(8, bool),
    includeTopicAuthorizedOperations: since(8, bool),
  },
  { flexible: 9 },
);

export const metadataResponse = struct(
  {
    throttleTimeMs: since(3, int32),
    brokers: field(
      array(
        struct({
          nodeId: field(int32),
          host: field(string),
          port: field(int32),
          rack: since(1, nullable(string, 1)),
        }),
      ),
    ),
    clusterId: since(2, nullable(string, 2)),
    controllerId: since(1, int32, { default: -1 }),
    topics: field(
      array(
        struct({
          errorCode: field(int16),
          name: field(string),
          isInternal: since(1, bool),
          partitions: field(
            array(
              struct({
                errorCode: field(int16),
                partitionIndex: field(int32),
                leaderId: field(int32),
                leaderEpoch: since(7, int32, { default: -1 }),
                replicaNodes: field(array(int32)),
                isrNodes: field(array(int32)),
                offlineReplicas: since(5, array(int32)),
              }),
            ),
          ),
          topicAuthorizedOperations: since(8, int32, { default: AUTHORIZED_OPERATIONS_OMITTED }),
        }),
      ),
    ),
    clusterAuthorizedOperations: since(8, int32, { default: AUTHORIZED_OPERATIONS_OMITTED }),
  },
  { flexible: 9 },
);

export type MetadataRequest = Infer<typeof metadataRequest>;
export type MetadataRequestInput = Input<typeof metadataRequest>;
export type MetadataResponse = Infer<typeof metadataResponse>;
export type MetadataResponseInput = Input<typeof metadataResponse>;

export const metadataApi = defineApi({
  key: 3,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 9,
  request: metadataRequest,
  response: metadataResponse,
});
