// A client's raw Fetch of one partition from the leader it knows (LG-6): records from the offset up
// to the leader's HW, at most maxRecords, with the leader's HW and log start offset (0: runs never
// reach retention). An offset below the log start or above the LEO is OFFSET_OUT_OF_RANGE, and
// that answer, like every error, carries HW -1 and log start -1 (RP-22).

import type { ErrorName } from '../../spec/errors.ts';
import type { EventOf } from '../../spec/events.ts';
import { logEndOffset } from '../replication/high-watermark.ts';
import { leaderSeenBy, reachLeader } from './routing.ts';
import { findPartition, type World } from './world.ts';

const LOG_START_OFFSET = 0;

export function clientFetch(world: World, event: EventOf<'fetch'>, seq: number): void {
  const base = {
    type: 'fetch-response' as const,
    request: seq,
    client: event.client,
    topic: event.topic,
    partition: event.partition,
  };
  const fail = (error: ErrorName): void => {
    world.outbox.push({ ...base, error, highWatermark: -1, logStartOffset: -1, records: [] });
  };
  const p = findPartition(world, event.topic, event.partition);
  const leaderBroker = p ? leaderSeenBy(world, event.client, p) : undefined;
  if (!p || leaderBroker === undefined) {
    fail(p ? 'LEADER_NOT_AVAILABLE' : 'UNKNOWN_TOPIC_OR_PARTITION');
    return;
  }
  const index = reachLeader(world, event.client, leaderBroker, p);
  if (typeof index === 'string') {
    fail(index);
    return;
  }
  const replica = p.state.replicas[index]!;
  if (event.offset < LOG_START_OFFSET || event.offset > logEndOffset(replica)) {
    fail('OFFSET_OUT_OF_RANGE');
    return;
  }
  const answer = { ...base, highWatermark: replica.highWatermark, logStartOffset: LOG_START_OFFSET };
  const limit = event.maxRecords ?? world.config.defaultMaxRecords;
  const end = Math.min(replica.highWatermark, event.offset + limit);
  const records = replica.log
    .slice(event.offset, Math.max(event.offset, end))
    .map((entry, i) => ({ offset: event.offset + i, value: world.values.text(entry.value) }));
  world.outbox.push({ ...answer, error: 'NONE', records });
}
