// LG-1's table: the malformed record batches a produce may carry (`produce.malformed`) and the error
// the broker answers for each. Every answer here was measured on Apache Kafka 4.4 (docs/kafka-4.4-report.md,
// finding 12): `kspec replay traces/corpus/regressions/malformed-batches-as-kafka-answers.json
// --adapter kafka:BOOTSTRAP` repeats it against any cluster. Kafka decides.
import type { ErrorName } from './errors.ts';

export const MALFORMED_BATCHES = [
  'empty',
  'two-batches',
  'bad-crc',
  'truncated',
  'count-above-delta',
  'more-records-claimed',
  'fewer-records-claimed',
  'five-byte-length',
  'six-byte-length',
  'header-count-above',
  'key-size-below-null',
  'null-header-key',
] as const;

export type MalformedBatch = (typeof MALFORMED_BATCHES)[number];

export interface MalformedBatchRule {
  /** The edit made to the batch the client built. */
  readonly edit: string;
  /** What the leader answers (NONE: stored like any batch). */
  readonly error: ErrorName;
  /**
   * Refused by the request's check before any partition's leader is asked (KafkaApis:
   * ProduceRequest.validateRecords), so even a broker that does not lead the partition answers it.
   */
  readonly beforeRouting: boolean;
}

export const MALFORMED_BATCH_RULES: Readonly<Record<MalformedBatch, MalformedBatchRule>> = {
  empty: { edit: 'no bytes at all for the partition', error: 'INVALID_RECORD', beforeRouting: true },
  'two-batches': { edit: 'the batch sent twice back to back', error: 'INVALID_RECORD', beforeRouting: true },
  'bad-crc': {
    edit: 'one bit of the last record flipped, the checksum unchanged',
    error: 'CORRUPT_MESSAGE',
    beforeRouting: false,
  },
  truncated: {
    // Too few bytes for the size it declares: the request's check finds no batch at all.
    edit: 'the last byte cut off, the batch length unchanged',
    error: 'INVALID_RECORD',
    beforeRouting: true,
  },
  'count-above-delta': {
    edit: 'record count one above last offset delta + 1 (checksum recomputed)',
    error: 'INVALID_RECORD',
    beforeRouting: false,
  },
  'more-records-claimed': {
    edit: 'record count and last offset delta one above the records present (checksum recomputed)',
    error: 'INVALID_RECORD',
    beforeRouting: false,
  },
  'fewer-records-claimed': {
    edit: 'record count and last offset delta one below the records present (checksum recomputed)',
    error: 'INVALID_RECORD',
    beforeRouting: false,
  },
  'five-byte-length': {
    edit: "the first record's length as a five-byte varint, not its shortest form (checksum recomputed)",
    error: 'NONE',
    beforeRouting: false,
  },
  'six-byte-length': {
    edit: "the first record's length as a six-byte varint, longer than any 32-bit varint (checksum recomputed)",
    // Kafka's varint reader throws IllegalArgumentException, which no error code maps.
    error: 'UNKNOWN_SERVER_ERROR',
    beforeRouting: false,
  },
  'header-count-above': {
    edit: 'the first record claims one header more than it carries (checksum recomputed)',
    error: 'INVALID_RECORD',
    beforeRouting: false,
  },
  'key-size-below-null': {
    edit: "the first record's key length -2 instead of -1 for null (checksum recomputed)",
    error: 'NONE',
    beforeRouting: false,
  },
  'null-header-key': {
    edit: 'the first record gains a header whose key is null (checksum recomputed)',
    error: 'INVALID_RECORD',
    beforeRouting: false,
  },
};
