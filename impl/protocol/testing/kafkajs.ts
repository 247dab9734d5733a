// Access to kafkajs 2.2.4's own protocol encoders and decoders (an independent implementation of
// the same grammar), deep-required from the installed package. Tests only.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface KafkajsRequest {
  apiKey: number;
  apiVersion: number;
  encode(): Promise<{ buffer: Buffer }>;
}
export interface KafkajsResponse {
  decode(raw: Buffer): Promise<unknown>;
  parse(data: unknown): Promise<unknown>;
}
interface KafkajsDefinitions {
  versions: string[];
  protocol(options: {
    version: number;
  }): (args: unknown) => { request: KafkajsRequest; response: KafkajsResponse };
}

/** kafkajs's folder name under src/protocol/requests for each API it implements. */
export const KAFKAJS_FOLDERS: Record<string, string> = {
  Produce: 'produce',
  Fetch: 'fetch',
  ListOffsets: 'listOffsets',
  Metadata: 'metadata',
  OffsetCommit: 'offsetCommit',
  OffsetFetch: 'offsetFetch',
  FindCoordinator: 'findCoordinator',
  JoinGroup: 'joinGroup',
  Heartbeat: 'heartbeat',
  LeaveGroup: 'leaveGroup',
  SyncGroup: 'syncGroup',
  DescribeGroups: 'describeGroups',
  ListGroups: 'listGroups',
  ApiVersions: 'apiVersions',
  CreateTopics: 'createTopics',
  DeleteTopics: 'deleteTopics',
  InitProducerId: 'initProducerId',
  CreatePartitions: 'createPartitions',
};

export function kafkajsDefinitions(apiName: string): KafkajsDefinitions {
  const folder = KAFKAJS_FOLDERS[apiName];
  if (!folder) throw new Error(`kafkajs does not implement ${apiName}`);
  return require(`kafkajs/src/protocol/requests/${folder}`) as KafkajsDefinitions;
}

export function kafkajsVersions(apiName: string): number[] {
  return kafkajsDefinitions(apiName).versions.map(Number);
}

/** kafkajs's magic-2 record batch encoder (src/protocol/recordBatch/v0). */
export async function kafkajsRecordBatch(values: string[]): Promise<Buffer> {
  const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as {
    RecordBatch: (options: unknown) => Promise<{ buffer: Buffer }>;
  };
  const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (options: unknown) => unknown;
  const records = values.map((value, offsetDelta) =>
    Record({ offsetDelta, timestampDelta: 0, key: null, value }),
  );
  const batch = await RecordBatch({
    firstTimestamp: 1700000000000,
    maxTimestamp: 1700000000000,
    lastOffsetDelta: values.length - 1,
    records,
  });
  return batch.buffer;
}
