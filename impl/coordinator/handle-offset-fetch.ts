// OffsetFetch (API key 9): committed (replicated) offsets; -1 with empty metadata and no error
// for a partition without one, an unknown group or a Dead group.

import { mutant } from '../mutants/index.ts';
import type { OffsetFetchRequest, OffsetFetchResponse, OffsetFetchResponsePartition } from './messages.ts';
import { offsetKey } from './shard-state.ts';
import type { Transaction } from './transaction.ts';

const NO_OFFSET = { committedOffset: -1, committedLeaderEpoch: -1, metadata: '', error: 'NONE' } as const;

export function handleOffsetFetch(tx: Transaction, request: OffsetFetchRequest): void {
  const group = tx.group(request.groupId);
  const committed = group?.state === 'Dead' ? undefined : tx.groupOffsets(request.groupId);
  let topics: OffsetFetchResponse['topics'];
  if (request.topics === null) {
    const byTopic = new Map<string, OffsetFetchResponsePartition[]>();
    for (const entry of committed?.values() ?? []) {
      const list = byTopic.get(entry.topic) ?? [];
      list.push({
        partitionIndex: entry.partition,
        committedOffset: entry.offset + (mutant('offset-fetch-off-by-one') ? 1 : 0),
        committedLeaderEpoch: entry.leaderEpoch,
        metadata: entry.metadata,
        error: 'NONE',
      });
      byTopic.set(entry.topic, list);
    }
    topics = [...byTopic.entries()].map(([name, partitions]) => ({
      name,
      partitions: partitions.sort((a, b) => a.partitionIndex - b.partitionIndex),
    }));
  } else {
    topics = request.topics.map((topic) => ({
      name: topic.name,
      partitions: topic.partitionIndexes.map((partitionIndex) => {
        const entry = committed?.get(offsetKey(topic.name, partitionIndex));
        if (!entry) return { partitionIndex, ...NO_OFFSET };
        return {
          partitionIndex,
          committedOffset: entry.offset + (mutant('offset-fetch-off-by-one') ? 1 : 0),
          committedLeaderEpoch: entry.leaderEpoch,
          metadata: entry.metadata,
          error: 'NONE' as const,
        };
      }),
    }));
  }
  tx.respond(request.requestId, { api: 'OffsetFetch', error: 'NONE', topics });
}
