// Produce (api key 0), versions 0-12, flexible from 9. Field changes by version
// (+ added, - removed; nested fields by path), from Kafka's ProduceRequest/Response.json:
//   v1: response +throttleTimeMs
//   v2: response +responses.partitionResponses.logAppendTimeMs
//   v3: request +transactionalId
//   v4: same fields as v3
//   v5: response +responses.partitionResponses.logStartOffset
//   v6: same fields as v5
//   v7: same fields as v6
//   v8: response +responses.partitionResponses.recordErrors +responses.partitionResponses.errorMessage
//   v9: flexible (compact forms, tagged fields)
//   v10: response tagged +responses.partitionResponses.currentLeader (0) +nodeEndpoints (0)
//        (KIP-951: a NOT_LEADER_OR_FOLLOWER answer names the new leader)
//   v11: same fields as v10
//   v12: same fields as v11 (transactions v2, KIP-890)
// Kafka 4.4 also serves v13 (topics by topic id); kspec has no topic ids and stops at v12
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
  int64,
  nullable,
  records,
  since,
  string,
  struct,
  tagged,
} from '../schema.ts';

/** KIP-951's hint: the partition's leader and epoch as the answering broker knows them. */
export const leaderIdAndEpoch = struct({
  leaderId: since(0, int32, { default: -1 }),
  leaderEpoch: since(0, int32, { default: -1 }),
});

/** KIP-951's node list: the endpoints of the leaders named in the response. */
export const nodeEndpoint = struct({
  nodeId: field(int32),
  host: field(string),
  port: field(int32),
  rack: field(nullable(string)),
});

export const produceRequest = struct(
  {
    transactionalId: since(3, nullable(string, 3)),
    acks: field(int16),
    timeoutMs: field(int32),
    topicData: field(
      array(
        struct({
          name: field(string),
          partitionData: field(
            array(
              struct({
                index: field(int32),
                records: field(nullable(records)),
              }),
            ),
          ),
        }),
      ),
    ),
  },
  { flexible: 9 },
);

export const produceResponse = struct(
  {
    responses: field(
      array(
        struct({
          name: field(string),
          partitionResponses: field(
            array(
              struct({
                index: field(int32),
                errorCode: field(int16),
                baseOffset: field(int64),
                logAppendTimeMs: since(2, int64, { default: -1 }),
                logStartOffset: since(5, int64, { default: -1 }),
                recordErrors: since(
                  8,
                  array(
                    struct({ batchIndex: field(int32), batchIndexErrorMessage: field(nullable(string)) }),
                  ),
                ),
                errorMessage: since(8, nullable(string, 8), { default: null }),
                currentLeader: tagged(0, 10, leaderIdAndEpoch),
              }),
            ),
          ),
        }),
      ),
    ),
    throttleTimeMs: since(1, int32),
    nodeEndpoints: tagged(0, 10, array(nodeEndpoint)),
  },
  { flexible: 9 },
);

export type ProduceRequest = Infer<typeof produceRequest>;
export type ProduceRequestInput = Input<typeof produceRequest>;
export type ProduceResponse = Infer<typeof produceResponse>;
export type ProduceResponseInput = Input<typeof produceResponse>;

export const produceApi = defineApi({
  key: 0,
  name: 'Produce',
  minVersion: 0,
  maxVersion: 12,
  request: produceRequest,
  response: produceResponse,
});
