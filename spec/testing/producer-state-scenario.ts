// One partition's idempotent-producer story and Kafka 4.4.0's answer to each step, as its own
// UnifiedLog gave them (appendAsLeader, appendAsFollower, truncateTo, close and reopen; the program
// is properties/adapters/kafka-java/src/main/java/kspec/producer/ProducerStateProbe.java and
// docs/idempotent-producer.md shows its output). The model (model/replication/producer-state.ts)
// and the reference log (impl/log/producer-state.ts) replay it in their tests and must give the
// same answers: IP-1..IP-6 of spec/SPEC.md.

/** A step: a client batch to the leader, a replicated batch, a broker restart, or a truncation. */
export type ProducerStep =
  | {
      readonly kind: 'lead';
      readonly what: string;
      readonly producerId: number;
      readonly epoch: number;
      readonly sequence: number;
      readonly count: number;
      /** Kafka's answer: NONE with the first and last offset, or the error. */
      readonly expect: readonly [number, number] | 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'INVALID_PRODUCER_EPOCH';
    }
  | {
      readonly kind: 'follow';
      readonly what: string;
      readonly producerId: number;
      readonly epoch: number;
      readonly sequence: number;
      readonly count: number;
    }
  | { readonly kind: 'restart'; readonly what: string; readonly clean: boolean }
  | { readonly kind: 'truncate'; readonly what: string; readonly offset: number };

const lead = (
  what: string,
  producerId: number,
  epoch: number,
  sequence: number,
  count: number,
  expect: readonly [number, number] | 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'INVALID_PRODUCER_EPOCH',
): ProducerStep => ({ kind: 'lead', what, producerId, epoch, sequence, count, expect });
const OOS = 'OUT_OF_ORDER_SEQUENCE_NUMBER';
const EPOCH = 'INVALID_PRODUCER_EPOCH';

/** The leader's story: retries, gaps, unknown producers, epochs, restarts and a truncation. */
export const LEADER_SCENARIO: readonly ProducerStep[] = [
  lead('seq 0', 1, 0, 0, 1, [0, 0]),
  lead('seq 1', 1, 0, 1, 1, [1, 1]),
  lead('seq 2', 1, 0, 2, 1, [2, 2]),
  lead('seq 3', 1, 0, 3, 1, [3, 3]),
  lead('seq 4', 1, 0, 4, 1, [4, 4]),
  lead('seq 5', 1, 0, 5, 1, [5, 5]),
  lead('IP-2: retry of the last batch', 1, 0, 5, 1, [5, 5]),
  lead('IP-2: retry of the fifth-last batch', 1, 0, 1, 1, [1, 1]),
  lead('IP-3: retry of the sixth-last batch', 1, 0, 0, 1, OOS),
  lead('IP-3: a gap', 1, 0, 7, 1, OOS),
  lead('IP-3: a range overlapping the last batch', 1, 0, 4, 2, OOS),
  lead('IP-4: an unknown producer at sequence 5', 2, 0, 5, 1, [6, 6]),
  lead('IP-4: an unknown producer at sequence 0', 3, 0, 0, 1, [7, 7]),
  lead('the second producer continues', 2, 0, 6, 1, [8, 8]),
  lead('the first producer continues', 1, 0, 6, 1, [9, 9]),
  lead('IP-4: a new epoch not at sequence 0', 1, 1, 3, 1, OOS),
  lead('IP-4: a new epoch at sequence 0', 1, 1, 0, 2, [10, 11]),
  lead('IP-5: the old epoch', 1, 0, 7, 1, EPOCH),
  lead('IP-5: a retry from the old epoch', 1, 0, 6, 1, EPOCH),
  lead('IP-2: retry in the new epoch', 1, 1, 0, 2, [10, 11]),
  lead('three records', 1, 1, 2, 3, [12, 14]),
  lead('seq 5', 1, 1, 5, 1, [15, 15]),
  lead('seq 6', 1, 1, 6, 1, [16, 16]),
  lead('seq 7', 1, 1, 7, 1, [17, 17]),
  lead('seq 8', 1, 1, 8, 1, [18, 18]),
  lead('IP-2: retry of a three-record batch, fifth-last', 1, 1, 2, 3, [12, 14]),
  lead('IP-3: retry of the sixth-last', 1, 1, 0, 2, OOS),
  { kind: 'restart', what: 'IP-6: restart after a clean shutdown', clean: true },
  lead('IP-6: after a restart the last batch is still known', 1, 1, 8, 1, [18, 18]),
  lead('IP-6: after a restart the second-last is not', 1, 1, 7, 1, OOS),
  lead('IP-6: nor the fifth-last', 1, 1, 2, 3, OOS),
  lead('seq 9', 1, 1, 9, 1, [19, 19]),
  { kind: 'restart', what: 'IP-6: restart after a crash', clean: false },
  lead('IP-6: the last batch', 1, 1, 9, 1, [19, 19]),
  lead('IP-6: the second-last, written before the previous restart', 1, 1, 8, 1, OOS),
  { kind: 'truncate', what: 'IP-6: truncation of the last batch', offset: 19 },
  lead('IP-6: after the truncation its predecessor is the last', 1, 1, 8, 1, [18, 18]),
  lead('IP-6: the truncated batch again, written anew', 1, 1, 9, 1, [19, 19]),
  lead('IP-6: older batches stay unknown', 1, 1, 6, 1, OOS),
];

/** A follower's story: batches copied from a leader build the state a new leader answers from. */
export const FOLLOWER_SCENARIO: readonly ProducerStep[] = [
  ...[0, 1, 2, 3, 4, 5].map(
    (sequence): ProducerStep => ({
      kind: 'follow',
      what: `copied seq ${sequence}`,
      producerId: 1,
      epoch: 0,
      sequence,
      count: 1,
    }),
  ),
  lead('IP-6: as leader, a retry of the last copied batch', 1, 0, 5, 1, [5, 5]),
  lead('IP-6: of the fifth-last', 1, 0, 1, 1, [1, 1]),
  lead('IP-6: of the sixth-last', 1, 0, 0, 1, OOS),
  {
    kind: 'follow',
    what: 'IP-5: a follower copies a gap unchecked',
    producerId: 1,
    epoch: 0,
    sequence: 20,
    count: 1,
  },
  lead('the leader continues after it', 1, 0, 21, 1, [7, 7]),
];

/** What a system answered to a step: a leader append's offsets or error; other steps answer 'ok'. */
export type ProducerAnswer = readonly [number, number] | string;

/** The answers the scenario expects (Kafka's), one per step. */
export function expectedAnswers(steps: readonly ProducerStep[]): ProducerAnswer[] {
  return steps.map((step) => (step.kind === 'lead' ? step.expect : 'ok'));
}
