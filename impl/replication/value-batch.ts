// The contract's produce values as a Kafka record batch (no key, UTF-8 values), and back.
import { buildRecordBatch } from '../log/batch/index.ts';
import type { StoredRecord } from './partition-store.ts';

/**
 * `timestampMs`: every record's CreateTime, or one per value. `producer`: an idempotent producer's
 * batch header (producer id, epoch, first sequence); absent, producer id -1.
 */
export function valuesBatch(
  values: readonly string[],
  timestampMs: number | readonly number[],
  producer?: { readonly producerId: number; readonly producerEpoch: number; readonly baseSequence: number },
): Buffer {
  const timestampOf = (i: number) => (typeof timestampMs === 'number' ? timestampMs : timestampMs[i]!);
  return buildRecordBatch(
    values.map((value, i) => ({ key: null, value, timestamp: timestampOf(i) })),
    producer ?? {},
  );
}

export function recordText(record: StoredRecord): string {
  return record.value === null ? '' : record.value.toString('utf8');
}
