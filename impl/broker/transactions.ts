// kspec serves idempotent producers but no transactions (IP-7 in spec/SPEC.md). It answers as a
// Kafka 4.4 cluster whose ACLs let no principal write any transactional id: InitProducerId with a
// transactional id and a Produce carrying transactional batches get TRANSACTIONAL_ID_AUTHORIZATION_FAILED
// (KafkaApis.handleInitProducerIdRequest, handleProduceRequest), an empty transactional id
// INVALID_REQUEST (TransactionCoordinator.handleInitProducerId). The transaction APIs themselves
// (AddPartitionsToTxn, AddOffsetsToTxn, EndTxn, TxnOffsetCommit, ...) are not registered, so
// ApiVersions does not advertise them and a request for one closes the connection (WP-4).
import type { ErrorName } from '../../spec/errors.ts';
import { LOG_OVERHEAD, RECORD_BATCH_OVERHEAD, readBatchHeader } from '../log/batch/index.ts';

/** The refusal of an InitProducerId's transactional id, or undefined for an idempotent producer (null). */
export function transactionalInitRefusal(transactionalId: string | null): ErrorName | undefined {
  if (transactionalId === null) return undefined;
  return transactionalId === '' ? 'INVALID_REQUEST' : 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED';
}

/** Whether any batch of the records is transactional (ProduceRequest.hasTransactionalRecords). */
export function hasTransactionalRecords(records: Buffer | null): boolean {
  if (!records) return false;
  let position = 0;
  // Only whole batch headers are read; the log validates the rest (a short tail is its CORRUPT_MESSAGE).
  while (position + RECORD_BATCH_OVERHEAD <= records.length) {
    const header = readBatchHeader(records, position);
    if (header.isTransactional) return true;
    if (header.batchLength <= 0) return false;
    position += header.batchLength + LOG_OVERHEAD;
  }
  return false;
}
