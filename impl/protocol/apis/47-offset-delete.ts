// OffsetDelete (api key 47), version 0 only, never flexible (KIP-496), from Kafka's
// OffsetDeleteRequest/Response.json. The response's top-level error comes before throttleTimeMs.
import { defineApi } from '../api.ts';
import { array, field, type Infer, type Input, int16, int32, string, struct } from '../schema.ts';

export const offsetDeleteRequest = struct({
  groupId: field(string),
  topics: field(
    array(
      struct({
        name: field(string),
        partitions: field(array(struct({ partitionIndex: field(int32) }))),
      }),
    ),
  ),
});

export const offsetDeleteResponse = struct({
  errorCode: field(int16),
  throttleTimeMs: field(int32),
  topics: field(
    array(
      struct({
        name: field(string),
        partitions: field(array(struct({ partitionIndex: field(int32), errorCode: field(int16) }))),
      }),
    ),
  ),
});

export type OffsetDeleteRequest = Infer<typeof offsetDeleteRequest>;
export type OffsetDeleteRequestInput = Input<typeof offsetDeleteRequest>;
export type OffsetDeleteResponse = Infer<typeof offsetDeleteResponse>;
export type OffsetDeleteResponseInput = Input<typeof offsetDeleteResponse>;

export const offsetDeleteApi = defineApi({
  key: 47,
  name: 'OffsetDelete',
  minVersion: 0,
  maxVersion: 0,
  request: offsetDeleteRequest,
  response: offsetDeleteResponse,
});
