// The interop tests' last check on a consumer group: its committed offsets reach the log end
// offset of every partition of its topic (everything consumed was committed), read with kafkajs's
// admin client and waited for, since the last commits may still be in flight.
import type { ExecutionContext } from 'ava';
import type { Admin } from 'kafkajs';
import { eventually } from './kspec-broker-process.ts';

/** Asserts the group's committed offsets equal the topic's log end offsets; returns those ends. */
export async function assertCommittedAtEnd(
  t: ExecutionContext,
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<{ partition: number; high: string }[]> {
  const ends = await admin.fetchTopicOffsets(topic);
  const endOf = new Map(ends.map((p) => [p.partition, p.high]));
  const committed = await eventually(
    () => admin.fetchOffsets({ groupId, topics: [topic] }).then((r) => r[0]!.partitions),
    (parts) => parts.every((p) => p.offset === endOf.get(p.partition)),
    20_000,
  );
  t.deepEqual(
    committed.map((p) => [p.partition, p.offset]).sort(),
    ends.map((p) => [p.partition, p.high]).sort(),
    'final committed offsets equal the log end offsets',
  );
  return ends;
}
