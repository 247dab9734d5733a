// ListOffsets (api key 2), versions 0-3, all non-flexible. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's ListOffsetsRequest/Response.json:
//   v1: request -topics.partitions.maxNumOffsets; response -topics.partitions.oldStyleOffsets +topics.partitions.timestamp +topics.partitions.offset
//   v2: request +isolationLevel; response +throttleTimeMs
//   v3: same fields as v2
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
  int64,
  since,
  string,
  struct,
} from '../schema.ts';

export const listOffsetsRequest = struct({
  replicaId: field(int32),
  isolationLevel: since(2, int8),
  topics: field(
    array(
      struct({
        name: field(string),
        partitions: field(
          array(
            struct({
              partitionIndex: field(int32),
              timestamp: field(int64),
              maxNumOffsets: since(0, int32, { to: 0, default: 1 }),
            }),
          ),
        ),
      }),
    ),
  ),
});

export const listOffsetsResponse = struct({
  throttleTimeMs: since(2, int32),
  topics: field(
    array(
      struct({
        name: field(string),
        partitions: field(
          array(
            struct({
              partitionIndex: field(int32),
              errorCode: field(int16),
              oldStyleOffsets: since(0, array(int64), { to: 0 }),
              timestamp: since(1, int64, { default: -1 }),
              offset: since(1, int64, { default: -1 }),
            }),
          ),
        ),
      }),
    ),
  ),
});

export type ListOffsetsRequest = Infer<typeof listOffsetsRequest>;
export type ListOffsetsRequestInput = Input<typeof listOffsetsRequest>;
export type ListOffsetsResponse = Infer<typeof listOffsetsResponse>;
export type ListOffsetsResponseInput = Input<typeof listOffsetsResponse>;

export const listOffsetsApi = defineApi({
  key: 2,
  name: 'ListOffsets',
  minVersion: 0,
  maxVersion: 3,
  request: listOffsetsRequest,
  response: listOffsetsResponse,
});
