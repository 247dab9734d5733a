// CreateTopics and CreatePartitions as the controller answers them: the request's size first (no
// more than 10,000 new partitions), then name, existence and config, in that order (Kafka 4.4: an existing name with a bad config is
// TOPIC_ALREADY_EXISTS), then partition count and replication factor against the live (unfenced) brokers. A
// new partition starts with its first replica leading epoch 0 and every replica in sync (RP-1).
// Which brokers hold the replicas is the controller's choice (Kafka draws it at random): the
// oracle places them in a fixed way and adopts the system's placement from its snapshot.
import { type Config, ConfigError, isValidTopicConfig, validateConfig } from '../../spec/config.ts';
import type { ErrorName } from '../../spec/errors.ts';
import { MAX_NEW_PARTITIONS_PER_REQUEST } from '../../spec/events.ts';
import { replicationSettings } from '../replication/settings.ts';
import { initialReplicationState } from '../replication/state.ts';
import type { ReplicationSettings } from '../replication/types.ts';
import { propagate } from './controller.ts';
import { openedAt } from './log-flusher.ts';
import type { PartitionModel, TopicModel, World } from './world.ts';

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;

/** The topic's replication settings: the run's config with the topic's own overrides. */
function topicSettings(
  runConfig: Config,
  overrides: Config,
  replicas: number,
): ReplicationSettings | ErrorName {
  if (!isValidTopicConfig(overrides)) return 'INVALID_CONFIG';
  try {
    const config = validateConfig({ ...runConfig, ...overrides });
    return { ...replicationSettings({ config, replicas: 1 }), replicas };
  } catch (error) {
    if (error instanceof ConfigError) return 'INVALID_CONFIG';
    throw error;
  }
}

function newPartition(world: World, topic: TopicModel, index: number, brokers: number[]): PartitionModel {
  const base = initialReplicationState(topic.settings);
  const state = {
    ...base,
    replicas: base.replicas.map((r, i) => ({ ...r, alive: world.brokers[brokers[i]!]!.running })),
  };
  return {
    topic: topic.name,
    partition: index,
    brokers,
    settings: topic.settings,
    state,
    views: world.brokers.map(() => null),
    clocks: brokers.map(() => ({
      lastCaughtUpTimeMs: world.nowMs,
      lastFetchLeaderEndOffset: -1,
      lastFetchTimeMs: world.nowMs,
      brokerEpoch: -1,
    })),
    fetched: brokers.map(() => false),
    epochCaches: brokers.map(() => []),
    checkpointedHighWatermark: brokers.map(() => 0),
    lostTails: brokers.map(() => []),
    recovering: brokers.map(() => false),
    lastFlush: brokers.map(() => openedAt(0, world.nowMs)),
    zombies: new Map(),
  };
}

/** A placement: the live brokers, round robin from the partition index (adopt takes the system's). */
function place(world: World, index: number, replicationFactor: number, chosen?: readonly number[]): number[] {
  if (chosen) return [...chosen];
  const live = world.brokers.filter((b) => !b.fenced).map((b) => b.id);
  return Array.from({ length: replicationFactor }, (_, j) => live[(index + j) % live.length]!);
}

function addPartitions(
  world: World,
  topic: TopicModel,
  count: number,
  placements?: Map<string, number[]>,
): void {
  const created: PartitionModel[] = [];
  for (let n = 0; n < count; n++) {
    const index = topic.partitions.length;
    const brokers = place(world, index, topic.replicationFactor, placements?.get(`${topic.name}-${index}`));
    const p = newPartition(world, topic, index, brokers);
    topic.partitions.push(p);
    created.push(p);
  }
  propagate(world, created);
}

export function createTopic(
  world: World,
  runConfig: Config,
  request: { topic: string; partitions: number; replicationFactor: number; config?: Config },
  placements?: Map<string, number[]>,
): ErrorName {
  const { topic: name } = request;
  if (request.partitions > MAX_NEW_PARTITIONS_PER_REQUEST) return 'POLICY_VIOLATION';
  if (!TOPIC_NAME.test(name) || name === '.' || name === '..') return 'INVALID_TOPIC_EXCEPTION';
  if (world.topics.has(name)) return 'TOPIC_ALREADY_EXISTS';
  const settings = topicSettings(runConfig, request.config ?? {}, request.replicationFactor);
  if (typeof settings === 'string') return settings;
  if (request.partitions < 1) return 'INVALID_PARTITIONS';
  const live = world.brokers.filter((b) => !b.fenced).length;
  if (request.replicationFactor < 1 || request.replicationFactor > live) return 'INVALID_REPLICATION_FACTOR';
  const topic: TopicModel = { name, replicationFactor: request.replicationFactor, settings, partitions: [] };
  world.topics.set(name, topic);
  addPartitions(world, topic, request.partitions, placements);
  return 'NONE';
}

/** CreatePartitions; a validate-only one (RP-1) is answered alike and adds nothing. */
export function createPartitions(
  world: World,
  name: string,
  total: number,
  placements?: Map<string, number[]>,
  validateOnly = false,
): ErrorName {
  const topic = world.topics.get(name);
  if (topic && total - topic.partitions.length > MAX_NEW_PARTITIONS_PER_REQUEST) return 'POLICY_VIOLATION';
  if (!topic) return 'UNKNOWN_TOPIC_OR_PARTITION';
  if (total <= topic.partitions.length) return 'INVALID_PARTITIONS';
  const live = world.brokers.filter((b) => !b.fenced).length;
  if (topic.replicationFactor > live) return 'INVALID_REPLICATION_FACTOR';
  if (validateOnly) return 'NONE';
  addPartitions(world, topic, total - topic.partitions.length, placements);
  return 'NONE';
}
