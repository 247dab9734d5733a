// How a producer application re-sends a value whose send failed with a retriable error (the
// retry-send command and the final phase's re-send rounds): the value alone, or for an idempotent
// producer its whole batch with the producer id, epoch and sequence it first had (IP-2); each value
// with the timestamp it was first sent with, as a producer re-sends the batch it built.
import type { ProduceEvent } from '../../spec/events.ts';
import type { PendingSend } from './knowledge.ts';

/** The re-send of a pending value: the value alone, or an idempotent producer's whole batch as first sent. */
export function resend(pending: PendingSend, acks: number): ProduceEvent {
  return {
    type: 'produce',
    producer: pending.producer,
    topic: pending.topic,
    partition: pending.partition,
    values: pending.batch ? [...pending.batch.values] : [pending.value],
    timestamps: pending.batch ? [...pending.batch.timestamps] : [pending.timestamp],
    acks,
    ...(pending.batch ? { idempotence: pending.batch.idempotence } : {}),
  };
}
