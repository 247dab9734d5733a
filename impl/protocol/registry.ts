// The one registration table: every API this project speaks, by key, with its version range.
// The server dispatches through it, the client encodes through it, and the ApiVersions answer is
// computed from it, so every broker advertises exactly what it can decode (kafkajs asks one seed
// broker and reuses the table for all of them).
import type { ApiDefinition } from './api.ts';
import { produceApi } from './apis/00-produce.ts';
import { fetchApi } from './apis/01-fetch.ts';
import { listOffsetsApi } from './apis/02-list-offsets.ts';
import { metadataApi } from './apis/03-metadata.ts';
import { offsetCommitApi } from './apis/08-offset-commit.ts';
import { offsetFetchApi } from './apis/09-offset-fetch.ts';
import { findCoordinatorApi } from './apis/10-find-coordinator.ts';
import { joinGroupApi } from './apis/11-join-group.ts';
import { heartbeatApi } from './apis/12-heartbeat.ts';
import { leaveGroupApi } from './apis/13-leave-group.ts';
import { syncGroupApi } from './apis/14-sync-group.ts';
import { describeGroupsApi } from './apis/15-describe-groups.ts';
import { listGroupsApi } from './apis/16-list-groups.ts';
import { apiVersionsApi } from './apis/18-api-versions.ts';
import { createTopicsApi } from './apis/19-create-topics.ts';
import { deleteTopicsApi } from './apis/20-delete-topics.ts';
import { initProducerIdApi } from './apis/22-init-producer-id.ts';
import { offsetForLeaderEpochApi } from './apis/23-offset-for-leader-epoch.ts';
import { describeConfigsApi } from './apis/32-describe-configs.ts';
import { createPartitionsApi } from './apis/37-create-partitions.ts';
import { deleteGroupsApi } from './apis/42-delete-groups.ts';
import { offsetDeleteApi } from './apis/47-offset-delete.ts';
import { describeClusterApi } from './apis/60-describe-cluster.ts';

/** By name; the names are Kafka's (ApiKeys.java), so `APIS.JoinGroup` reads like the protocol. */
export const APIS = {
  Produce: produceApi,
  Fetch: fetchApi,
  ListOffsets: listOffsetsApi,
  Metadata: metadataApi,
  OffsetCommit: offsetCommitApi,
  OffsetFetch: offsetFetchApi,
  FindCoordinator: findCoordinatorApi,
  JoinGroup: joinGroupApi,
  Heartbeat: heartbeatApi,
  LeaveGroup: leaveGroupApi,
  SyncGroup: syncGroupApi,
  DescribeGroups: describeGroupsApi,
  ListGroups: listGroupsApi,
  ApiVersions: apiVersionsApi,
  CreateTopics: createTopicsApi,
  DeleteTopics: deleteTopicsApi,
  InitProducerId: initProducerIdApi,
  OffsetForLeaderEpoch: offsetForLeaderEpochApi,
  DescribeConfigs: describeConfigsApi,
  CreatePartitions: createPartitionsApi,
  DeleteGroups: deleteGroupsApi,
  OffsetDelete: offsetDeleteApi,
  DescribeCluster: describeClusterApi,
} as const;

export type ApiName = keyof typeof APIS;
export type Apis = typeof APIS;

function indexByKey(apis: readonly ApiDefinition[]): ReadonlyMap<number, ApiDefinition> {
  const byKey = new Map<number, ApiDefinition>();
  for (const api of apis) {
    const existing = byKey.get(api.key);
    if (existing) throw new Error(`api key ${api.key} registered twice (${existing.name}, ${api.name})`);
    byKey.set(api.key, api);
  }
  return byKey;
}

const byKey = indexByKey(Object.values(APIS));

export function apiByKey(key: number): ApiDefinition | undefined {
  return byKey.get(key);
}

/** The ApiVersions answer: every registered key with its range, ascending by key. */
export function advertisedVersions(): { apiKey: number; minVersion: number; maxVersion: number }[] {
  return [...byKey.values()]
    .sort((a, b) => a.key - b.key)
    .map((api) => ({ apiKey: api.key, minVersion: api.minVersion, maxVersion: api.maxVersion }));
}
