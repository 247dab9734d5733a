// Metadata (with auto topic creation), FindCoordinator and the admin APIs on the reference cluster.
import { booleanSetting, intSetting, type SettingValue } from '../../spec/config.ts';
import type { ErrorName } from '../../spec/errors.ts';
import { OFFSETS_TOPIC } from '../cluster/group-hosting.ts';
import {
  MAX_PARTITIONS_PER_REQUEST,
  TOO_MANY_NEW_PARTITIONS,
  TOO_MANY_PARTITIONS,
} from '../cluster/partition-limits.ts';
import type { Apis } from '../protocol/registry.ts';
import type { Infer, Input } from '../protocol/schema.ts';
import type { RequestContext } from '../server/handler.ts';
import { openFilesProblem, partitionsAdded, partitionsAsked } from './admin-limits.ts';
import { authorizedOperations } from './authorized-operations.ts';
import {
  advertisedController,
  type BrokerContext,
  code,
  liveBrokers,
  nodeOf,
  unfencedBrokers,
} from './broker-context.ts';
import { topicIdOf } from './topic-ids.ts';
import { topicNameProblem } from './topic-names.ts';
import { transactionalInitRefusal } from './transactions.ts';

type Request<N extends keyof Apis> = Infer<Apis[N]['request']>;
type Response<N extends keyof Apis> = Input<Apis[N]['response']>;

export const CLUSTER_ID = 'kspec-reference-cluster';

/** CreateTopics with -1 (v4+ semantics, also accepted here): the broker defaults. */
function autoCreate(context: BrokerContext, name: string): ErrorName {
  const raw = context.cluster.config.raw;
  const alive = liveBrokers(context).length;
  const replicationFactor = Math.min(intSetting(raw, 'default.replication.factor'), Math.max(1, alive));
  const answer = context.cluster.createTopic(name, intSetting(raw, 'num.partitions'), replicationFactor);
  if (answer.error === 'NONE' || answer.error === 'TOPIC_ALREADY_EXISTS') context.topicsChanged();
  return answer.error === 'TOPIC_ALREADY_EXISTS' ? 'NONE' : answer.error;
}

function requestedTopics(request: Request<'Metadata'>, version: number): string[] | null {
  if (request.topics === null) return null;
  if (version === 0 && request.topics.length === 0) return null;
  return request.topics.map((topic) => topic.name);
}

export async function metadata(
  context: BrokerContext,
  request: Request<'Metadata'>,
  requestContext: RequestContext,
): Promise<Response<'Metadata'>> {
  context.driver.sync();
  const { cluster } = context;
  const brokerId = requestContext.brokerId;
  const wanted = requestedTopics(request, requestContext.apiVersion);
  const allowCreate =
    booleanSetting(cluster.config.raw, 'auto.create.topics.enable') &&
    (requestContext.apiVersion < 4 || request.allowAutoTopicCreation);
  const creationErrors = new Map<string, ErrorName>();
  for (const name of wanted ?? []) {
    if (cluster.controller.topic(name)) continue;
    // Kafka's brokers ask the controller to create the topic and answer this Metadata at once with
    // UNKNOWN_TOPIC_OR_PARTITION (DefaultAutoTopicCreationManager.sendCreateTopicRequest); the
    // client asks again and finds it. kspec creates it now and answers the same way.
    const created = allowCreate ? autoCreate(context, name) : 'UNKNOWN_TOPIC_OR_PARTITION';
    creationErrors.set(name, created === 'NONE' ? 'UNKNOWN_TOPIC_OR_PARTITION' : created);
  }
  context.driver.settle();
  const answer = cluster.metadata(nodeOf(brokerId), brokerId);
  const listed = new Set(unfencedBrokers(context));
  const known = new Map((answer?.topics ?? []).map((topic) => [topic.name, topic]));
  const names = wanted ?? [...known.keys()];
  return {
    throttleTimeMs: 0,
    brokers: [...listed].map((id) => {
      const address = context.addresses.get(id)!;
      return { nodeId: id, host: address.host, port: address.port, rack: null };
    }),
    clusterId: CLUSTER_ID,
    controllerId: advertisedController(context),
    topics: names.map((name) => {
      const topic = known.get(name);
      const error = creationErrors.get(name);
      if (!topic || (error && error !== 'NONE'))
        return {
          errorCode: code(error && error !== 'NONE' ? error : 'UNKNOWN_TOPIC_OR_PARTITION'),
          name,
          isInternal: false,
          partitions: [],
          topicAuthorizedOperations: authorizedOperations('topic', request.includeTopicAuthorizedOperations),
        };
      return {
        errorCode: 0,
        name,
        isInternal: name === OFFSETS_TOPIC,
        partitions: topic.partitions.map((partition) => ({
          errorCode: code(partition.error),
          partitionIndex: partition.partition,
          leaderId: partition.leader,
          leaderEpoch: partition.leaderEpoch,
          replicaNodes: [...partition.replicas],
          isrNodes: [...partition.isr],
          offlineReplicas: partition.replicas.filter((id) => !listed.has(id)),
        })),
        topicAuthorizedOperations: authorizedOperations('topic', request.includeTopicAuthorizedOperations),
      };
    }),
    clusterAuthorizedOperations: authorizedOperations('cluster', request.includeClusterAuthorizedOperations),
  };
}

interface CoordinatorAnswer {
  errorCode: number;
  errorMessage: string | null;
  nodeId: number;
  host: string;
  port: number;
}

function findOne(
  context: BrokerContext,
  requestContext: RequestContext,
  key: string,
  keyType: number,
): CoordinatorAnswer {
  const unavailable = (error: ErrorName, message: string) => ({
    errorCode: code(error),
    errorMessage: message,
    nodeId: -1,
    host: '',
    port: -1,
  });
  // Transaction (1) and share (2) coordinators are not served.
  if (keyType !== 0) return unavailable('COORDINATOR_NOT_AVAILABLE', 'transactions are not supported');
  const hadOffsetsTopic = context.cluster.controller.topic(OFFSETS_TOPIC) !== undefined;
  const coordinator = context.cluster.groups.findCoordinator(nodeOf(requestContext.brokerId), key);
  if (!hadOffsetsTopic) context.topicsChanged();
  context.driver.settle();
  if (coordinator === undefined || !context.listening(coordinator))
    return unavailable('COORDINATOR_NOT_AVAILABLE', 'The coordinator is not available.');
  const address = context.addresses.get(coordinator)!;
  return { errorCode: 0, errorMessage: null, nodeId: coordinator, host: address.host, port: address.port };
}

export async function findCoordinator(
  context: BrokerContext,
  request: Request<'FindCoordinator'>,
  requestContext: RequestContext,
): Promise<Response<'FindCoordinator'>> {
  context.driver.sync();
  if (requestContext.apiVersion < 4)
    return { throttleTimeMs: 0, ...findOne(context, requestContext, request.key, request.keyType) };
  // v4+ (KIP-699): one answer per key, in the request's order.
  return {
    throttleTimeMs: 0,
    coordinators: request.coordinatorKeys.map((key) => ({
      key,
      ...findOne(context, requestContext, key, request.keyType),
    })),
  };
}

/** DescribeConfigs' ConfigSource.TOPIC_CONFIG: a config set on the topic itself. */
const TOPIC_CONFIG_SOURCE = 1;

/** Partition replicas hosted by this process (every broker of the cluster runs in it). */
function existingReplicas(context: BrokerContext): number {
  return context.cluster.controller
    .allTopics()
    .reduce(
      (sum, topic) => sum + topic.partitions.reduce((n, partition) => n + partition.replicas.length, 0),
      0,
    );
}

export async function createTopics(
  context: BrokerContext,
  request: Request<'CreateTopics'>,
): Promise<Response<'CreateTopics'>> {
  context.driver.sync();
  const raw = context.cluster.config.raw;
  if (partitionsAsked(request.topics, intSetting(raw, 'num.partitions')) > MAX_PARTITIONS_PER_REQUEST)
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((topic) => ({
        name: topic.name,
        errorCode: code('POLICY_VIOLATION'),
        errorMessage: TOO_MANY_PARTITIONS,
      })),
    };
  const replicas = existingReplicas(context);
  const asked = request.topics.reduce((sum, topic) => {
    const partitions =
      topic.numPartitions === -1 ? intSetting(raw, 'num.partitions') : Math.max(0, topic.numPartitions);
    const factor =
      topic.replicationFactor === -1
        ? intSetting(raw, 'default.replication.factor')
        : Math.max(0, topic.replicationFactor);
    return sum + partitions * factor;
  }, 0);
  const tooManyFiles = request.validateOnly ? undefined : openFilesProblem(replicas, asked);
  if (tooManyFiles)
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((topic) => ({
        name: topic.name,
        errorCode: code('POLICY_VIOLATION'),
        errorMessage: tooManyFiles,
      })),
    };
  const topics = request.topics.map((topic) => {
    const existing = context.cluster.controller.allTopics().map((known) => known.name);
    const badName = topicNameProblem(topic.name, existing);
    if (badName) return { name: topic.name, errorCode: code(badName.error), errorMessage: badName.message };
    if (topic.assignments.length > 0)
      return {
        name: topic.name,
        errorCode: code('INVALID_REPLICA_ASSIGNMENT'),
        errorMessage: 'kspec places replicas itself; manual assignments are not supported',
      };
    const partitions = topic.numPartitions === -1 ? intSetting(raw, 'num.partitions') : topic.numPartitions;
    const replicationFactor =
      topic.replicationFactor === -1
        ? intSetting(raw, 'default.replication.factor')
        : topic.replicationFactor;
    const config: Record<string, SettingValue> = {};
    for (const entry of topic.configs) if (entry.value !== null) config[entry.name] = entry.value;
    // v5+ tells what was created: the counts, and the topic's configs (kspec lists those the
    // request set, as topic-level configs; Kafka lists every config with its source).
    const created = {
      numPartitions: partitions,
      replicationFactor,
      configs: topic.configs
        .filter((entry) => entry.value !== null)
        .map((entry) => ({
          ...entry,
          readOnly: false,
          configSource: TOPIC_CONFIG_SOURCE,
          isSensitive: false,
        })),
    };
    // v7+: the topic's id (kspec's is derived from the name, so validateOnly can tell it too).
    const topicId = topicIdOf(CLUSTER_ID, topic.name);
    if (request.validateOnly)
      return { name: topic.name, topicId, errorCode: 0, errorMessage: null, ...created };
    const answer = context.cluster.createTopic(topic.name, partitions, replicationFactor, config);
    if (answer.error !== 'NONE')
      return { name: topic.name, errorCode: code(answer.error), errorMessage: answer.message };
    return { name: topic.name, topicId, errorCode: 0, errorMessage: answer.message, ...created };
  });
  context.topicsChanged();
  context.driver.settle();
  return { throttleTimeMs: 0, topics };
}

export async function createPartitions(
  context: BrokerContext,
  request: Request<'CreatePartitions'>,
): Promise<Response<'CreatePartitions'>> {
  context.driver.sync();
  const current = (name: string) => context.cluster.controller.topic(name)?.partitions.length;
  const addedReplicas = request.topics.reduce((sum, topic) => {
    const known = context.cluster.controller.topic(topic.name);
    const added = known ? Math.max(0, topic.count - known.partitions.length) : 0;
    return sum + added * (known?.partitions[0]?.replicas.length ?? 0);
  }, 0);
  const tooManyFiles = request.validateOnly
    ? undefined
    : openFilesProblem(existingReplicas(context), addedReplicas);
  if (partitionsAdded(request.topics, current) > MAX_PARTITIONS_PER_REQUEST || tooManyFiles)
    return {
      throttleTimeMs: 0,
      results: request.topics.map((topic) => ({
        name: topic.name,
        errorCode: code('POLICY_VIOLATION'),
        errorMessage: tooManyFiles ?? TOO_MANY_NEW_PARTITIONS,
      })),
    };
  const results = request.topics.map((topic) => {
    if (topic.assignments !== null)
      return {
        name: topic.name,
        errorCode: code('INVALID_REPLICA_ASSIGNMENT'),
        errorMessage: 'kspec places replicas itself; manual assignments are not supported',
      };
    // A validate-only request is checked as a real one would be (Kafka runs the same controller
    // code and drops its records), not waved through.
    const answer = context.cluster.createPartitions(topic.name, topic.count, request.validateOnly);
    return { name: topic.name, errorCode: code(answer.error), errorMessage: answer.message };
  });
  context.topicsChanged();
  context.driver.settle();
  return { throttleTimeMs: 0, results };
}

/** Kafka's code 73; not in spec/errors.ts, as no contract event deletes a topic. */
const TOPIC_DELETION_DISABLED = 73;

/**
 * The reference cluster never deletes topics: it answers as Kafka 4.4 does with
 * delete.topic.enable=false (ControllerApis.deleteTopics), for every topic of the request:
 * TOPIC_DELETION_DISABLED from v3, INVALID_REQUEST before (older clients do not know that code).
 */
export async function deleteTopics(
  _context: BrokerContext,
  request: Request<'DeleteTopics'>,
  requestContext: Pick<RequestContext, 'apiVersion'>,
): Promise<Response<'DeleteTopics'>> {
  const errorCode = requestContext.apiVersion >= 3 ? TOPIC_DELETION_DISABLED : code('INVALID_REQUEST');
  return {
    throttleTimeMs: 0,
    responses: request.topicNames.map((name) => ({
      name,
      errorCode,
      errorMessage: 'Topic deletion is disabled.',
    })),
  };
}

let nextProducerId = 1_000;

export async function initProducerId(
  _context: BrokerContext,
  request: Request<'InitProducerId'>,
): Promise<Response<'InitProducerId'>> {
  // IP-7: an idempotent producer (no transactional id) always gets a new id at epoch 0, even when it
  // names its current id and epoch (TransactionCoordinator.handleInitProducerId); a transactional id
  // is refused as Kafka refuses one the principal may not write (kspec serves no transactions).
  const refused = transactionalInitRefusal(request.transactionalId);
  if (refused) return { throttleTimeMs: 0, errorCode: code(refused), producerId: -1, producerEpoch: -1 };
  return { throttleTimeMs: 0, errorCode: 0, producerId: nextProducerId++, producerEpoch: 0 };
}
