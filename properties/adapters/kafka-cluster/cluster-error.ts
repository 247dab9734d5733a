// A cluster that cannot start or be reached for a fault (no Java, Maven offline, a port in use, a
// node that exits during start-up, a data dir in the way): one line for the user, exit code 2.
export class KafkaClusterError extends Error {
  override name = 'KafkaClusterError';
}
