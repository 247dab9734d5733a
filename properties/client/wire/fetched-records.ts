// The records of a Fetch answer as the client reads them: whole batches only (a fetch may end in a
// partial one, cut at maxBytes), from the fetch offset on, at most `max`. Records that do not decode
// (a broker that stored a malformed batch) make the read fail as the Java consumer's does
// (CorruptRecordException): 'corrupt', and no records.
import { parseRecordBatches } from '../../../impl/log/batch/decode.ts';

export interface FetchedRecord {
  readonly offset: number;
  readonly value: string;
}

export function fetchedRecords(bytes: Buffer, from: number, max: number): FetchedRecord[] | 'corrupt' {
  const records: FetchedRecord[] = [];
  try {
    for (const batch of parseRecordBatches(wholeBatches(bytes)))
      for (const record of batch.records)
        if (record.offset >= from && records.length < max)
          records.push({ offset: record.offset, value: record.value?.toString('utf8') ?? '' });
  } catch {
    return 'corrupt';
  }
  return records;
}

/** The prefix of `bytes` made of whole record batches. */
function wholeBatches(bytes: Buffer): Buffer {
  let end = 0;
  while (end + 12 <= bytes.length) {
    const size = 12 + bytes.readInt32BE(end + 8);
    if (end + size > bytes.length) break;
    end += size;
  }
  return bytes.subarray(0, end);
}
