// Topic names as Kafka 4.4 checks them on CreateTopics (org.apache.kafka.common.internals.Topic and
// ReplicationControlManager.validateNewTopicNames; ControllerApis for the metadata topic), with
// Kafka's messages: 1-249 characters of [a-zA-Z0-9._-], not "." or "..", not a name that collides
// with an existing topic once '.' and '_' are treated alike (their metric names would clash), and
// never __cluster_metadata (INVALID_REQUEST). __consumer_offsets may be created this way, as the
// brokers themselves create it; once it exists a second create is TOPIC_ALREADY_EXISTS.
import type { ErrorName } from '../../spec/errors.ts';

const MAX_LENGTH = 249;
const LEGAL = /^[a-zA-Z0-9._-]+$/;
export const METADATA_TOPIC = '__cluster_metadata';

export function topicNameProblem(
  name: string,
  existing: Iterable<string>,
): { error: ErrorName; message: string } | undefined {
  if (name === METADATA_TOPIC)
    return {
      error: 'INVALID_REQUEST',
      message: `Creation of internal topic ${METADATA_TOPIC} is prohibited.`,
    };
  const invalid = (reason: string) => ({
    error: 'INVALID_TOPIC_EXCEPTION' as const,
    message: `Topic name is invalid: ${reason}`,
  });
  if (name.length === 0) return invalid('the empty string is not allowed');
  if (name === '.') return invalid("'.' is not allowed");
  if (name === '..') return invalid("'..' is not allowed");
  if (name.length > MAX_LENGTH)
    return invalid(`the length of '${name}' is longer than the max allowed length ${MAX_LENGTH}`);
  if (!LEGAL.test(name))
    return invalid(
      `'${name}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'`,
    );
  if (name.includes('.') || name.includes('_')) {
    const unified = name.replaceAll('.', '_');
    for (const other of existing)
      if (other !== name && other.replaceAll('.', '_') === unified)
        return {
          error: 'INVALID_TOPIC_EXCEPTION',
          message: `Topic '${name}' collides with existing topic: ${other}`,
        };
  }
  return undefined;
}
