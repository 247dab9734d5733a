// An admin's DescribeConfigs of one topic over the wire (RP-27), as Admin.describeConfigs sends it:
// one topic resource, every key, no synonyms, no documentation, to any broker (the Java admin
// picks the least loaded node). A broker that cannot be reached is the client's NETWORK_EXCEPTION.
import type { TopicConfigsAnswer } from '../transport.ts';
import { errorName } from './coordinator-wire.ts';
import { type KafkaTarget, UnsupportedApiError } from './target.ts';

// biome-ignore lint/suspicious/noExplicitAny: decoded wire answers, read field by field
type Answer = any;

/** ConfigResource.Type.TOPIC. */
const TOPIC_RESOURCE = 2;

export async function describeTopicConfigs(target: KafkaTarget, topic: string): Promise<TopicConfigsAnswer> {
  let answer: Answer;
  try {
    answer = await target.requestAnyBroker('admin', 'DescribeConfigs', 4, {
      resources: [{ resourceType: TOPIC_RESOURCE, resourceName: topic, configurationKeys: null }],
      includeSynonyms: false,
      includeDocumentation: false,
    } as never);
  } catch (error) {
    if (error instanceof UnsupportedApiError) throw error;
    return { error: 'NETWORK_EXCEPTION', configs: [] };
  }
  const result = answer.results?.[0];
  return {
    error: errorName(result?.errorCode ?? -1),
    configs: ((result?.configs ?? []) as Answer[]).map((config) => ({
      name: config.name as string,
      value: config.value as string | null,
      source: config.configSource as number,
    })),
  };
}
