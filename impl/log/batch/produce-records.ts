// LG-1, the Produce request's own check of a partition's records (ProduceRequest.validateRecords,
// run by KafkaApis before it asks whether this broker leads the partition): exactly one whole
// magic-2 batch. Batches are walked as Kafka's ByteBufferLogInputStream walks them: bytes too few
// for the next batch's size end the walk (so a cut-off batch is no batch at all), a size below the
// smallest record or a magic byte above 2 is corrupt.
import type { ErrorName } from '../../../spec/errors.ts';
import { BATCH_LENGTH_OFFSET, MAGIC_OFFSET } from './header.ts';

/** Offset and size fields before every batch (Records.LOG_OVERHEAD). */
const LOG_OVERHEAD = 12;
/** The smallest size a batch may declare (LegacyRecord.RECORD_OVERHEAD_V0). */
const SMALLEST_SIZE = 14;

/** The error a Produce answers for a partition's records before routing, or undefined when they pass. */
export function produceRecordsError(records: Buffer): ErrorName | undefined {
  const first = nextBatchEnd(records, 0);
  if (first === 'corrupt') return 'CORRUPT_MESSAGE';
  if (first === undefined) return 'INVALID_RECORD'; // at least one record batch per partition
  if (records[MAGIC_OFFSET] !== 2) return 'INVALID_RECORD'; // magic 2 from Produce v3 on
  const second = nextBatchEnd(records, first);
  if (second === 'corrupt') return 'CORRUPT_MESSAGE';
  return second === undefined ? undefined : 'INVALID_RECORD'; // exactly one record batch
}

/** Where the batch at `at` ends, undefined when the bytes hold no whole batch there, or 'corrupt'. */
function nextBatchEnd(records: Buffer, at: number): number | 'corrupt' | undefined {
  if (records.length - at < LOG_OVERHEAD) return undefined;
  const size = records.readInt32BE(at + BATCH_LENGTH_OFFSET);
  if (size < SMALLEST_SIZE) return 'corrupt';
  if (records.length - at > MAGIC_OFFSET) {
    const magic = records.readInt8(at + MAGIC_OFFSET);
    if (magic < 0 || magic > 2) return 'corrupt';
  }
  const end = at + LOG_OVERHEAD + size;
  return end <= records.length ? end : undefined;
}
