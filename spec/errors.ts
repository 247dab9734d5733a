// Kafka's protocol error codes, as data: one table with name, number, retriable flag and a short
// meaning. Numbers and retriable flags follow org.apache.kafka.common.protocol.Errors.

export interface KafkaError {
  readonly name: string;
  readonly code: number;
  /** Errors.java marks the exception a RetriableException: a client may retry the same request. */
  readonly retriable: boolean;
  readonly message: string;
}

const table = [
  ['UNKNOWN_SERVER_ERROR', -1, false, 'An unexpected server error.'],
  ['NONE', 0, false, 'No error.'],
  ['OFFSET_OUT_OF_RANGE', 1, false, 'The requested offset is not within the range of offsets maintained.'],
  [
    'CORRUPT_MESSAGE',
    2,
    true,
    'The message failed its CRC check, exceeds the valid size or is otherwise corrupt.',
  ],
  ['UNKNOWN_TOPIC_OR_PARTITION', 3, true, 'This server does not host this topic-partition.'],
  ['INVALID_FETCH_SIZE', 4, false, 'The requested fetch size is invalid.'],
  [
    'LEADER_NOT_AVAILABLE',
    5,
    true,
    'There is no leader for this topic-partition (an election is in progress).',
  ],
  [
    'NOT_LEADER_OR_FOLLOWER',
    6,
    true,
    'This server is not the leader or a follower for that topic-partition.',
  ],
  ['REQUEST_TIMED_OUT', 7, true, 'The request timed out.'],
  ['BROKER_NOT_AVAILABLE', 8, false, 'The broker is not available.'],
  ['REPLICA_NOT_AVAILABLE', 9, true, 'The replica is not available for the requested topic-partition.'],
  ['MESSAGE_TOO_LARGE', 10, false, 'The request included a message larger than the server accepts.'],
  ['STALE_CONTROLLER_EPOCH', 11, false, 'The controller moved to another broker.'],
  ['OFFSET_METADATA_TOO_LARGE', 12, false, 'The metadata field of the offset request was too large.'],
  ['NETWORK_EXCEPTION', 13, true, 'The server disconnected before a response was received.'],
  ['COORDINATOR_LOAD_IN_PROGRESS', 14, true, 'The coordinator is loading and cannot process requests.'],
  ['COORDINATOR_NOT_AVAILABLE', 15, true, 'The coordinator is not available.'],
  ['NOT_COORDINATOR', 16, true, 'This is not the correct coordinator.'],
  ['INVALID_TOPIC_EXCEPTION', 17, false, 'The request attempted an operation on an invalid topic.'],
  ['RECORD_LIST_TOO_LARGE', 18, false, 'The request included a batch larger than the segment size.'],
  [
    'NOT_ENOUGH_REPLICAS',
    19,
    true,
    'Messages are rejected since there are fewer in-sync replicas than required.',
  ],
  [
    'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
    20,
    true,
    'Messages are written to the log, but to fewer in-sync replicas than required.',
  ],
  ['INVALID_REQUIRED_ACKS', 21, false, 'Produce request specified an invalid value for required acks.'],
  ['ILLEGAL_GENERATION', 22, false, 'Specified group generation id is not valid.'],
  [
    'INCONSISTENT_GROUP_PROTOCOL',
    23,
    false,
    "The group member's supported protocols are incompatible with those of existing members.",
  ],
  ['INVALID_GROUP_ID', 24, false, 'The configured groupId is invalid.'],
  ['UNKNOWN_MEMBER_ID', 25, false, 'The coordinator is not aware of this member.'],
  [
    'INVALID_SESSION_TIMEOUT',
    26,
    false,
    'The session timeout is not within the range allowed by the broker.',
  ],
  ['REBALANCE_IN_PROGRESS', 27, false, 'The group is rebalancing, so a rejoin is needed.'],
  ['INVALID_COMMIT_OFFSET_SIZE', 28, false, 'The committing offset data size is not valid.'],
  ['TOPIC_AUTHORIZATION_FAILED', 29, false, 'Topic authorization failed.'],
  ['GROUP_AUTHORIZATION_FAILED', 30, false, 'Group authorization failed.'],
  ['CLUSTER_AUTHORIZATION_FAILED', 31, false, 'Cluster authorization failed.'],
  ['INVALID_TIMESTAMP', 32, false, 'The timestamp of the message is out of acceptable range.'],
  ['UNSUPPORTED_VERSION', 35, false, 'The version of API is not supported.'],
  ['TOPIC_ALREADY_EXISTS', 36, false, 'Topic with this name already exists.'],
  ['INVALID_PARTITIONS', 37, false, 'Number of partitions is below 1 or not larger than the current count.'],
  [
    'INVALID_REPLICATION_FACTOR',
    38,
    false,
    'Replication factor is below 1 or larger than the number of available brokers.',
  ],
  ['INVALID_REPLICA_ASSIGNMENT', 39, false, 'Replica assignment is invalid.'],
  ['INVALID_CONFIG', 40, false, 'Configuration is invalid.'],
  ['NOT_CONTROLLER', 41, true, 'This is not the correct controller for this cluster.'],
  ['INVALID_REQUEST', 42, false, 'The request is malformed or violates the protocol.'],
  ['POLICY_VIOLATION', 44, false, 'Request parameters do not satisfy the configured policy.'],
  ['OUT_OF_ORDER_SEQUENCE_NUMBER', 45, false, 'The broker received an out of order sequence number.'],
  ['INVALID_PRODUCER_EPOCH', 47, false, 'Producer attempted to produce with an old epoch.'],
  ['TRANSACTIONAL_ID_AUTHORIZATION_FAILED', 53, false, 'Transactional Id authorization failed.'],
  ['KAFKA_STORAGE_ERROR', 56, true, 'Disk error when trying to access the log file on disk.'],
  ['NON_EMPTY_GROUP', 68, false, 'The group is not empty.'],
  ['GROUP_ID_NOT_FOUND', 69, false, 'The group id does not exist.'],
  ['FENCED_LEADER_EPOCH', 74, true, 'The leader epoch in the request is older than the epoch on the broker.'],
  [
    'UNKNOWN_LEADER_EPOCH',
    75,
    true,
    'The leader epoch in the request is newer than the epoch on the broker.',
  ],
  [
    'OFFSET_NOT_AVAILABLE',
    78,
    true,
    'The leader high watermark has not caught up from a recent leader election.',
  ],
  [
    'MEMBER_ID_REQUIRED',
    79,
    false,
    'The group member needs a valid member id before entering a consumer group.',
  ],
  ['GROUP_MAX_SIZE_REACHED', 81, false, 'The consumer group has reached its max size.'],
  [
    'FENCED_INSTANCE_ID',
    82,
    false,
    'The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.',
  ],
  [
    'GROUP_SUBSCRIBED_TO_TOPIC',
    86,
    false,
    'Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it.',
  ],
  ['INVALID_RECORD', 87, false, 'This record has failed the validation on the broker and was rejected.'],
] as const satisfies readonly (readonly [string, number, boolean, string])[];

export type ErrorName = (typeof table)[number][0];

export const ERRORS: readonly KafkaError[] = table.map(([name, code, retriable, message]) => ({
  name,
  code,
  retriable,
  message,
}));

export const ERROR_NAMES = table.map((row) => row[0]) as readonly ErrorName[];

const byName = new Map<string, KafkaError>(ERRORS.map((error) => [error.name, error]));
const byCode = new Map<number, KafkaError>(ERRORS.map((error) => [error.code, error]));

export function errorByName(name: ErrorName): KafkaError {
  const error = byName.get(name);
  if (!error) throw new Error(`unknown Kafka error name ${name}`);
  return error;
}

/** The table entry for a wire error code; undefined for a code this table does not know. */
export function errorByCode(code: number): KafkaError | undefined {
  return byCode.get(code);
}

export function errorCode(name: ErrorName): number {
  return errorByName(name).code;
}

export function isErrorName(name: string): name is ErrorName {
  return byName.has(name);
}

export function isRetriable(name: ErrorName): boolean {
  return errorByName(name).retriable;
}
