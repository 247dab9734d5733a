// kspec serves idempotent producers but no transactions (IP-7 in spec/SPEC.md). It answers as a
// Kafka 4.4 cluster whose ACLs let no principal write any transactional id: InitProducerId with a
// transactional id and a Produce carrying transactional batches get TRANSACTIONAL_ID_AUTHORIZATION_FAILED
// (KafkaApis.handleInitProducerIdRequest, handleProduceRequest), an empty transactional id
// INVALID_REQUEST (TransactionCoordinator.handleInitProducerId). The transaction APIs themselves
// (AddPartitionsToTxn, AddOffsetsToTxn, EndTxn, TxnOffsetCommit, ...) are not registered, so
// ApiVersions does not advertise them and a request for one closes the connection (WP-4).
import type { ErrorName } from '../../spec/errors.ts';
import {
  ATTRIBUTES_OFFSET,
  BATCH_LENGTH_OFFSET,
  LOG_OVERHEAD,
  RECORD_BATCH_OVERHEAD,
  TRANSACTIONAL_BIT,
} from '../log/batch/index.ts';

/** The refusal of an InitProducerId's transactional id, or undefined for an idempotent producer (null). */
export function transactionalInitRefusal(transactionalId: string | null): ErrorName | undefined {
  if (transactionalId === null) return undefined;
  return transactionalId === '' ? 'INVALID_REQUEST' : 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED';
}

/** Whether any batch of the records is transactional (ProduceRequest.hasTransactionalRecords). */
export function hasTransactionalRecords(records: Buffer | null): boolean {
  if (!records) return false;
  let position = 0;
  // Only the length and attributes of whole batch headers are read, nothing that can be out of
  // range (a client's int64 fields are not trusted here: the wire fuzzer found a timestamp beyond
  // 2^53 that made a full header read throw); the log validates the rest.
  while (position + RECORD_BATCH_OVERHEAD <= records.length) {
    if ((records.readInt16BE(position + ATTRIBUTES_OFFSET) & TRANSACTIONAL_BIT) !== 0) return true;
    const batchLength = records.readInt32BE(position + BATCH_LENGTH_OFFSET);
    if (batchLength <= 0) return false;
    position += batchLength + LOG_OVERHEAD;
  }
  return false;
}
