// Kafka 4.4's limit on the partitions one admin request may add (MAX_PARTITIONS_PER_BATCH, RP-1)
// and the messages its controller refuses with: the in-process cluster checks one topic against
// it, the wire handlers the sum over a request's topics (impl/broker/admin-limits.ts).
export { MAX_NEW_PARTITIONS_PER_REQUEST as MAX_PARTITIONS_PER_REQUEST } from '../../spec/events.ts';

export const TOO_MANY_PARTITIONS = 'Excessively large number of partitions per request.';
export const TOO_MANY_NEW_PARTITIONS = 'Excessively large number of additional partitions per request.';
