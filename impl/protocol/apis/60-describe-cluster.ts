// DescribeCluster (api key 60), versions 0-2, flexible in every version. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's DescribeClusterRequest/Response.json:
//   v1: request +endpointType; response +endpointType (KIP-919: brokers or controllers)
//   v2: request +includeFencedBrokers; response +brokers.isFenced (KIP-1073)
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

export const describeClusterRequest = struct(
  {
    includeClusterAuthorizedOperations: field(bool),
    endpointType: since(1, int8, { default: 1 }),
    includeFencedBrokers: since(2, bool),
  },
  { flexible: 0 },
);

export const describeClusterResponse = struct(
  {
    throttleTimeMs: field(int32),
    errorCode: field(int16),
    errorMessage: field(nullable(string)),
    endpointType: since(1, int8, { default: 1 }),
    clusterId: field(string),
    controllerId: field(int32),
    brokers: field(
      array(
        struct({
          brokerId: field(int32),
          host: field(string),
          port: field(int32),
          rack: field(nullable(string)),
          isFenced: since(2, bool),
        }),
      ),
    ),
    clusterAuthorizedOperations: field(int32),
  },
  { flexible: 0 },
);

export type DescribeClusterRequest = Infer<typeof describeClusterRequest>;
export type DescribeClusterResponse = Infer<typeof describeClusterResponse>;
export type DescribeClusterResponseInput = Input<typeof describeClusterResponse>;

export const describeClusterApi = defineApi({
  key: 60,
  name: 'DescribeCluster',
  minVersion: 0,
  maxVersion: 2,
  request: describeClusterRequest,
  response: describeClusterResponse,
});
