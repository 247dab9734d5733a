// How a failed __consumer_offsets append reaches the client, as Kafka maps it for OffsetCommit
// and for the SyncGroup / group metadata writes (GroupMetadataManager.appendGroupMetadataErrorToResponseError
// and the service's handling of offset-commit write errors).
import type { ErrorName } from '../../spec/errors.ts';

export function appendErrorToResponseError(error: ErrorName): ErrorName {
  switch (error) {
    case 'UNKNOWN_TOPIC_OR_PARTITION':
    case 'NOT_ENOUGH_REPLICAS':
    case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
    case 'REQUEST_TIMED_OUT':
      return 'COORDINATOR_NOT_AVAILABLE';
    case 'NOT_LEADER_OR_FOLLOWER':
    case 'KAFKA_STORAGE_ERROR':
      return 'NOT_COORDINATOR';
    case 'MESSAGE_TOO_LARGE':
    case 'RECORD_LIST_TOO_LARGE':
    case 'INVALID_FETCH_SIZE':
      return 'UNKNOWN_SERVER_ERROR';
    default:
      return error;
  }
}
