// The contract's produce values as a Kafka record batch (no key, UTF-8 values), and back.
import { buildRecordBatch } from '../log/batch/index.ts';
import type { StoredRecord } from './partition-store.ts';

export function valuesBatch(values: readonly string[], timestampMs: number): Buffer {
  return buildRecordBatch(values.map((value) => ({ key: null, value, timestamp: timestampMs })));
}

export function recordText(record: StoredRecord): string {
  return record.value === null ? '' : record.value.toString('utf8');
}
