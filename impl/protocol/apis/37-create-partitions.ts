// CreatePartitions (api key 37), versions 0-3, flexible from 2. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's CreatePartitionsRequest/Response.json:
//   v1: same fields as v0
//   v2: flexible (compact forms, tagged fields)
//   v3: same fields as v2 (THROTTLING_QUOTA_EXCEEDED may be answered, KIP-599)
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
  string,
  struct,
} from '../schema.ts';

export const createPartitionsRequest = struct(
  {
    topics: field(
      array(
        struct({
          name: field(string),
          count: field(int32),
          assignments: field(
            nullable(
              array(
                struct({
                  brokerIds: field(array(int32)),
                }),
              ),
            ),
          ),
        }),
      ),
    ),
    timeoutMs: field(int32),
    validateOnly: field(bool),
  },
  { flexible: 2 },
);

export const createPartitionsResponse = struct(
  {
    throttleTimeMs: field(int32),
    results: field(
      array(
        struct({
          name: field(string),
          errorCode: field(int16),
          errorMessage: field(nullable(string)),
        }),
      ),
    ),
  },
  { flexible: 2 },
);

export type CreatePartitionsRequest = Infer<typeof createPartitionsRequest>;
export type CreatePartitionsRequestInput = Input<typeof createPartitionsRequest>;
export type CreatePartitionsResponse = Infer<typeof createPartitionsResponse>;
export type CreatePartitionsResponseInput = Input<typeof createPartitionsResponse>;

export const createPartitionsApi = defineApi({
  key: 37,
  name: 'CreatePartitions',
  minVersion: 0,
  maxVersion: 3,
  request: createPartitionsRequest,
  response: createPartitionsResponse,
});
