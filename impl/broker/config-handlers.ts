// DescribeConfigs and DescribeCluster, the two read-only admin requests Kafka's own tools send
// before they print anything (`kafka-topics --describe` asks for the topic's configs,
// `kafka-consumer-groups` and `kafka-topics` may ask who the brokers are). Kafka answers
// DescribeConfigs from ConfigHelper.describeConfigs and DescribeCluster from KafkaApis /
// the metadata cache; kspec answers the same shapes for the settings it honours.
import { describedDefault, SETTINGS, type Setting, type SettingValue } from '../../spec/config.ts';
import { kafkaBrokerName } from '../../spec/kafka-broker-names.ts';
import type { TopicMetadata } from '../controller/metadata.ts';
import type { Apis } from '../protocol/registry.ts';
import type { Infer, Input } from '../protocol/schema.ts';
import type { RequestContext } from '../server/handler.ts';
import { advertisedController, type BrokerContext, code, unfencedBrokers } from './broker-context.ts';
import { CLUSTER_ID } from './metadata-handlers.ts';
import { topicNameProblem } from './topic-names.ts';

type Request<N extends keyof Apis> = Infer<Apis[N]['request']>;
type Response<N extends keyof Apis> = Input<Apis[N]['response']>;

/** ConfigResource.Type ids (clients/.../config/ConfigResource.java). */
const RESOURCE = { topic: 2, broker: 4, brokerLogger: 8, clientMetrics: 16, group: 32 } as const;

/** DescribeConfigsResponse.ConfigSource ids. */
const SOURCE = { topic: 1, staticBroker: 4, default: 5 } as const;

/** DescribeConfigsResponse.ConfigType ids. */
const TYPE = { boolean: 1, string: 2, int: 3, long: 5, list: 7 } as const;

/** Settings Kafka declares as LONG (LogConfig, ReplicationConfigs); every other int is INT. */
const LONG_SETTINGS = new Set([
  'segment.ms',
  'flush.messages',
  'flush.ms',
  'retention.ms',
  'retention.bytes',
  'replica.lag.time.max.ms',
]);

type ConfigEntry = Response<'DescribeConfigs'>['results'][number]['configs'][number];

/**
 * Topic configs Kafka lists for every topic beyond kspec's table, with Kafka's defaults (LogConfig):
 * cleanup.policy, which no run may set (kspec never compacts) but __consumer_offsets overrides.
 */
const BEYOND_TABLE_DEFAULTS: Readonly<Record<string, string>> = { 'cleanup.policy': 'delete' };

/** What the topic part of DescribeConfigs reads: the cluster (the in-process client passes it alone). */
type ClusterView = Pick<BrokerContext, 'cluster'>;

const typeOf = (setting: Setting): number =>
  setting.type === 'boolean'
    ? TYPE.boolean
    : setting.type === 'enum'
      ? TYPE.string
      : LONG_SETTINGS.has(setting.name)
        ? TYPE.long
        : TYPE.int;

/** A topic's effective value of a topic-scope setting. */
function topicValue(topic: TopicMetadata, name: string): SettingValue {
  if (name === 'min.insync.replicas') return topic.settings.minInsyncReplicas;
  if (name === 'unclean.leader.election.enable') return topic.settings.uncleanLeaderElection;
  const value = topic.settings.config[name];
  if (value === undefined) throw new Error(`topic ${topic.name} has no value for ${name}`);
  return value;
}

function entry(
  setting: Setting,
  value: SettingValue,
  source: number,
  readOnly: boolean,
  synonyms: ConfigEntry['synonyms'],
  includeDocumentation: boolean,
): ConfigEntry {
  return {
    name: setting.name,
    value: String(value),
    readOnly,
    configSource: source,
    isSensitive: false,
    synonyms,
    configType: typeOf(setting),
    documentation: includeDocumentation ? setting.description : null,
  };
}

function topicConfigs(
  context: ClusterView,
  topic: TopicMetadata,
  includeSynonyms: boolean,
  includeDocumentation: boolean,
): ConfigEntry[] {
  const brokerConfig = context.cluster.config.raw;
  const overrides = new Set(topic.settings.overrides ?? []);
  const topicSettings = SETTINGS.filter((setting) => setting.scope === 'topic');
  // Settings a broker puts on its own internal topics beyond kspec's table (cleanup.policy of
  // __consumer_offsets): listed as the topic's own, as Kafka lists them.
  const internal = [...overrides]
    .filter((name) => !topicSettings.some((setting) => setting.name === name))
    .map(
      (name): ConfigEntry => ({
        name,
        value: String(topic.settings.config[name]),
        readOnly: false,
        configSource: SOURCE.topic,
        isSensitive: false,
        synonyms: includeSynonyms
          ? [{ name, value: String(topic.settings.config[name]), source: SOURCE.topic }]
          : [],
        configType: typeof topic.settings.config[name] === 'number' ? TYPE.int : TYPE.string,
        documentation: null,
      }),
    );
  const known = topicSettings.map((setting) => {
    const value = topicValue(topic, setting.name);
    const brokerValue = brokerConfig[setting.name];
    const source = overrides.has(setting.name)
      ? SOURCE.topic
      : brokerValue !== undefined
        ? SOURCE.staticBroker
        : SOURCE.default;
    // Kafka prints its own default (Long.MAX_VALUE for flush.*), not the table's stand-in.
    const text = source === SOURCE.default ? describedDefault(setting) : String(value);
    // Synonyms in Kafka's order: the topic's own value, the broker's, the default.
    const synonyms: ConfigEntry['synonyms'] = !includeSynonyms
      ? []
      : [
          ...(overrides.has(setting.name)
            ? [{ name: setting.name, value: String(value), source: SOURCE.topic }]
            : []),
          ...(brokerValue !== undefined
            ? [
                {
                  name: kafkaBrokerName(setting.name),
                  value: String(brokerValue),
                  source: SOURCE.staticBroker,
                },
              ]
            : []),
          {
            name: kafkaBrokerName(setting.name),
            value: describedDefault(setting),
            source: SOURCE.default,
          },
        ];
    return entry(setting, text, source, false, synonyms, includeDocumentation);
  });
  // RP-27: Kafka lists cleanup.policy (delete) for every topic that does not set it.
  const beyondTable = Object.entries(BEYOND_TABLE_DEFAULTS)
    .filter(([name]) => !overrides.has(name))
    .map(
      ([name, value]): ConfigEntry => ({
        name,
        value,
        readOnly: false,
        configSource: SOURCE.default,
        isSensitive: false,
        synonyms: includeSynonyms ? [{ name: `log.${name}`, value, source: SOURCE.default }] : [],
        configType: TYPE.list,
        documentation: null,
      }),
    );
  return [...known, ...internal, ...beyondTable].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

function brokerConfigs(
  context: ClusterView,
  includeSynonyms: boolean,
  includeDocumentation: boolean,
): ConfigEntry[] {
  const raw = context.cluster.config.raw;
  return SETTINGS.filter((setting) => setting.scope === 'broker').map((setting) => {
    const set = raw[setting.name] !== undefined;
    const value = set ? raw[setting.name]! : setting.default;
    const source = set ? SOURCE.staticBroker : SOURCE.default;
    const synonyms = includeSynonyms ? [{ name: setting.name, value: String(value), source }] : [];
    // kspec's broker settings are fixed at start (no dynamic broker configs): all read-only.
    return entry(setting, value, source, true, synonyms, includeDocumentation);
  });
}

type ResourceResult = Response<'DescribeConfigs'>['results'][number];

function describeResource(
  context: ClusterView,
  resource: Request<'DescribeConfigs'>['resources'][number],
  includeSynonyms: boolean,
  includeDocumentation: boolean,
  brokerId: number,
): Omit<ResourceResult, 'resourceType' | 'resourceName'> {
  const refuse = (
    error: 'INVALID_REQUEST' | 'UNKNOWN_TOPIC_OR_PARTITION' | 'INVALID_TOPIC_EXCEPTION',
    message: string | null,
  ) => ({
    errorCode: code(error),
    errorMessage: message,
    configs: [],
  });
  let configs: ConfigEntry[];
  switch (resource.resourceType) {
    case RESOURCE.topic: {
      // RP-27: Topic.validate first (ConfigHelper.describeConfigs): "." and ".." are refused.
      const invalid = topicNameProblem(resource.resourceName, []);
      if (invalid?.error === 'INVALID_TOPIC_EXCEPTION') return refuse(invalid.error, invalid.message);
      const topic = context.cluster.controller.topic(resource.resourceName);
      if (!topic) return refuse('UNKNOWN_TOPIC_OR_PARTITION', null);
      configs = topicConfigs(context, topic, includeSynonyms, includeDocumentation);
      break;
    }
    case RESOURCE.broker:
      // Kafka answers for itself (its id) or for the cluster-wide dynamic defaults (""); kspec has
      // no dynamic configs, so "" lists nothing, as a Kafka broker without dynamic defaults does.
      if (resource.resourceName === '') configs = [];
      else if (resource.resourceName === String(brokerId))
        configs = brokerConfigs(context, includeSynonyms, includeDocumentation);
      else
        return refuse(
          'INVALID_REQUEST',
          `Unexpected broker id, expected ${brokerId} or empty string, but received ${resource.resourceName}`,
        );
      break;
    default:
      // Broker loggers, client-metrics subscriptions and group configs (KIP-848) are not kspec's.
      return refuse(
        'INVALID_REQUEST',
        `kspec does not describe configs of resource type ${resource.resourceType}`,
      );
  }
  const keys = resource.configurationKeys;
  const wanted = keys === null || keys.length === 0 ? configs : configs.filter((c) => keys.includes(c.name));
  return { errorCode: 0, errorMessage: null, configs: wanted };
}

/**
 * One topic's DescribeConfigs result as Admin.describeConfigs asks it (all keys, no synonyms, no
 * documentation): the wire handler's own code, which the in-process client calls too (RP-27).
 */
export function describeTopicConfigs(
  context: ClusterView,
  topic: string,
): ReturnType<typeof describeResource> {
  const resource = { resourceType: RESOURCE.topic, resourceName: topic, configurationKeys: null };
  return describeResource(context, resource, false, false, -1);
}

export async function describeConfigs(
  context: BrokerContext,
  request: Request<'DescribeConfigs'>,
  requestContext: Pick<RequestContext, 'brokerId'>,
): Promise<Response<'DescribeConfigs'>> {
  context.driver.sync();
  return {
    throttleTimeMs: 0,
    results: request.resources.map((resource) => ({
      resourceType: resource.resourceType,
      resourceName: resource.resourceName,
      ...describeResource(
        context,
        resource,
        request.includeSynonyms,
        request.includeDocumentation,
        requestContext.brokerId,
      ),
    })),
  };
}

/** Kafka's code 115; not in spec/errors.ts, as no contract event asks for controllers. */
const UNSUPPORTED_ENDPOINT_TYPE = 115;

/** Every live broker with its listener; kspec has no racks and no fenced-but-listed brokers. */
export async function describeCluster(
  context: BrokerContext,
  request: Request<'DescribeCluster'>,
): Promise<Response<'DescribeCluster'>> {
  context.driver.sync();
  const base = {
    throttleTimeMs: 0,
    endpointType: request.endpointType,
    clusterId: CLUSTER_ID,
    clusterAuthorizedOperations: -2147483648,
  };
  // KIP-919: endpoint type 2 asks for the controllers, which only a controller listener serves.
  if (request.endpointType !== 1)
    return {
      ...base,
      errorCode: UNSUPPORTED_ENDPOINT_TYPE,
      errorMessage:
        'The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type CONTROLLER',
      controllerId: -1,
      brokers: [],
    };
  return {
    ...base,
    errorCode: 0,
    errorMessage: null,
    controllerId: advertisedController(context),
    brokers: unfencedBrokers(context).map((id) => {
      const address = context.addresses.get(id)!;
      return { brokerId: id, host: address.host, port: address.port, rack: null, isFenced: false };
    }),
  };
}
