// A client's ListOffsets of one partition from the leader it knows (RP-24): earliest is the log start
// offset (0: runs never reach retention), latest the high watermark at either isolation level (the
// last stable offset is the HW without transactions). A leader whose HW has not yet reached the
// start offset of its own epoch (just elected, its HW only what its last fetch as a follower told
// it) answers latest with OFFSET_NOT_AVAILABLE. Every error answers offset -1. Partitions are found
// and reached as a Fetch finds them (routing.ts), so the errors before the leader are Fetch's.
import type { ErrorName } from '../../spec/errors.ts';
import type { EventOf } from '../../spec/events.ts';
import { leaderSeenBy, reachLeader } from './routing.ts';
import { findPartition, type PartitionModel, type World } from './world.ts';

const LOG_START_OFFSET = 0;

export interface ListedOffset {
  readonly error: ErrorName;
  readonly offset: number;
}

/** Where the term replica `index` leads in its own view started: the controller's, or the one a zombie keeps. */
function epochStartOffsetOf(p: PartitionModel, index: number): number {
  if (p.state.leader === index) return p.state.epochStartOffset;
  return p.zombies.get(index)?.epochStartOffset ?? p.state.epochStartOffset;
}

export function listedOffset(
  world: World,
  client: string,
  topic: string,
  partition: number,
  position: 'earliest' | 'latest',
): ListedOffset {
  const failed = (error: ErrorName): ListedOffset => ({ error, offset: -1 });
  const p = findPartition(world, topic, partition);
  const leaderBroker = p ? leaderSeenBy(world, client, p) : undefined;
  if (!p || leaderBroker === undefined)
    return failed(p ? 'LEADER_NOT_AVAILABLE' : 'UNKNOWN_TOPIC_OR_PARTITION');
  const index = reachLeader(world, client, leaderBroker, p);
  if (typeof index === 'string') return failed(index);
  if (position === 'earliest') return { error: 'NONE', offset: LOG_START_OFFSET };
  const highWatermark = p.state.replicas[index]!.highWatermark;
  // Partition.fetchOffsetForTimestamp: a client's latest while the HW lags the epoch start (KIP-207).
  if (epochStartOffsetOf(p, index) > highWatermark) return failed('OFFSET_NOT_AVAILABLE');
  return { error: 'NONE', offset: highWatermark };
}

export function listOffsets(world: World, event: EventOf<'list-offsets'>, seq: number): void {
  const { error, offset } = listedOffset(world, event.client, event.topic, event.partition, event.position);
  world.outbox.push({
    type: 'list-offsets-response',
    request: seq,
    client: event.client,
    topic: event.topic,
    partition: event.partition,
    error,
    offset,
  });
}
