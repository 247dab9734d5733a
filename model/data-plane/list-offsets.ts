// A client's ListOffsets of one partition from the leader it knows (RP-24, LG-7): earliest is the
// log start offset (0: runs never reach retention), latest the high watermark at either isolation
// level (the last stable offset is the HW without transactions), by timestamp the first record whose
// timestamp is at or above the target, if it is below the HW. A leader whose HW has not yet reached
// the start offset of its own epoch (just elected, its HW only what its last fetch as a follower told
// it) answers latest with OFFSET_NOT_AVAILABLE (LEADER_NOT_AVAILABLE before ListOffsets v5), and a
// lookup by timestamp too when it found no record below the HW (Partition.fetchOffsetForTimestamp:
// the holder's maybeOffsetsError). Every error answers offset -1. Partitions are found and reached
// as a Fetch finds them (routing.ts), so the errors before the leader are Fetch's.
import type { ErrorName } from '../../spec/errors.ts';
import type { EventOf } from '../../spec/events.ts';
import { listOffsetsTimestamp, listOffsetsVersion } from '../../spec/timestamps.ts';
import { leaderSeenBy, reachLeader } from './routing.ts';
import { findPartition, type PartitionModel, type World } from './world.ts';

const LOG_START_OFFSET = 0;

export interface ListedOffset {
  readonly error: ErrorName;
  readonly offset: number;
  /** The found record's timestamp with a lookup by timestamp; -1 otherwise. */
  readonly timestamp: number;
}

/** Where the term replica `index` leads in its own view started: the controller's, or the one a zombie keeps. */
function epochStartOffsetOf(p: PartitionModel, index: number): number {
  if (p.state.leader === index) return p.state.epochStartOffset;
  return p.zombies.get(index)?.epochStartOffset ?? p.state.epochStartOffset;
}

/** `timestamp`: -2 earliest, -1 latest, else the lookup's target on the run's clock. */
export function listedOffset(
  world: World,
  client: string,
  topic: string,
  partition: number,
  timestamp: number,
): ListedOffset {
  const failed = (error: ErrorName): ListedOffset => ({ error, offset: -1, timestamp: -1 });
  const p = findPartition(world, topic, partition);
  const leaderBroker = p ? leaderSeenBy(world, client, p) : undefined;
  if (!p || leaderBroker === undefined)
    return failed(p ? 'LEADER_NOT_AVAILABLE' : 'UNKNOWN_TOPIC_OR_PARTITION');
  const index = reachLeader(world, client, leaderBroker, p);
  if (typeof index === 'string') return failed(index);
  if (timestamp === -2) return { error: 'NONE', offset: LOG_START_OFFSET, timestamp: -1 };
  const replica = p.state.replicas[index]!;
  // Partition.fetchOffsetForTimestamp: the HW lags the epoch start (KIP-207).
  const lagging = epochStartOffsetOf(p, index) > replica.highWatermark;
  if (timestamp === -1)
    return lagging
      ? failed('OFFSET_NOT_AVAILABLE')
      : { error: 'NONE', offset: replica.highWatermark, timestamp: -1 };
  const found = replica.log.findIndex(
    (entry, offset) => offset >= LOG_START_OFFSET && world.values.timestamp(entry.value) >= timestamp,
  );
  if (found >= 0 && found < replica.highWatermark)
    return { error: 'NONE', offset: found, timestamp: world.values.timestamp(replica.log[found]!.value) };
  return failed(lagging ? 'OFFSET_NOT_AVAILABLE' : 'NONE');
}

export function listOffsets(world: World, event: EventOf<'list-offsets'>, seq: number): void {
  const listed = listedOffset(world, event.client, event.topic, event.partition, listOffsetsTimestamp(event));
  // Before v5 a lagging HW is LEADER_NOT_AVAILABLE (KafkaApis: OffsetNotAvailableException by version).
  const answer =
    listed.error === 'OFFSET_NOT_AVAILABLE' && listOffsetsVersion(event) < 5
      ? { ...listed, error: 'LEADER_NOT_AVAILABLE' as const }
      : listed;
  world.outbox.push({
    type: 'list-offsets-response',
    request: seq,
    client: event.client,
    topic: event.topic,
    partition: event.partition,
    error: answer.error,
    offset: answer.offset,
    ...(event.position === 'timestamp' ? { timestamp: answer.timestamp } : {}),
  });
}
