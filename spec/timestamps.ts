// How the contract's events name record timestamps and ListOffsets targets, in one place for the
// model and the client that drives systems under test.
import type { EventOf, ProduceEvent } from './events.ts';

/**
 * Each value's CreateTime in ms on the run's clock: the event's, else the run's clock when the
 * produce is sent (KafkaProducer stamps a record without a timestamp with its clock).
 */
export function recordTimestamps(event: ProduceEvent, nowMs: number): number[] {
  return event.values.map((_, i) => event.timestamps?.[i] ?? nowMs);
}

/** The ListOffsets timestamp a list-offsets event sends: -2 earliest, -1 latest, else its target (default 0). */
export function listOffsetsTimestamp(event: EventOf<'list-offsets'>): number {
  if (event.position === 'earliest') return -2;
  if (event.position === 'latest') return -1;
  return event.timestamp ?? 0;
}

/** The ListOffsets version a client sends when it asks none. */
export const LIST_OFFSETS_DEFAULT_VERSION = 6;

/**
 * The ListOffsets version a list-offsets event is sent at: its own (default 6), raised to v1 for a
 * lookup by timestamp and to v2 for read_committed, the floors the Java consumer asks for them
 * (ListOffsetsRequest.Builder.forConsumer: requireTimestamp, isolation level).
 */
export function listOffsetsVersion(event: EventOf<'list-offsets'>): number {
  const floor = event.isolation === 'read_committed' ? 2 : event.position === 'timestamp' ? 1 : 0;
  return Math.max(event.version ?? LIST_OFFSETS_DEFAULT_VERSION, floor);
}
