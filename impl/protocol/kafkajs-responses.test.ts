// Codec cross-check, responses: this project encodes random responses (every field the version
// carries), and kafkajs 2.2.4's own response decoders (deep-required) must read them. kafkajs
// names fields its own way, so the comparison is on the ordered sequence of leaf values (numbers,
// strings, bytes as hex): both sides must hold the same values in wire order.
import test from 'ava';
import fc from 'fast-check';
import type { ApiDefinition } from './api.ts';
import { encodeBody } from './frame.ts';
import { Reader } from './primitives.ts';
import { APIS, type ApiName } from './registry.ts';
import type { AnyType } from './schema.ts';
import { arbitraryFor } from './testing/arbitraries.ts';
import {
  KAFKAJS_FOLDERS,
  kafkajsDefinitions,
  kafkajsRecordBatch,
  kafkajsVersions,
} from './testing/kafkajs.ts';

/** Leaves of a value as this project's schema orders them; null/empty contribute nothing. */
function ourLeaves(type: AnyType, value: unknown, version: number, out: string[] = []): string[] {
  const shape = type.shape;
  if (value === null || value === undefined) return out;
  if (shape.kind === 'nullable') return ourLeaves(shape.inner, value, version, out);
  if (shape.kind === 'array') {
    for (const item of value as unknown[]) ourLeaves(shape.element, item, version, out);
    return out;
  }
  if (shape.kind === 'struct') {
    for (const [name, spec] of Object.entries(shape.fields)) {
      if (version < spec.from || version > spec.to) continue;
      ourLeaves(spec.type, (value as Record<string, unknown>)[name], version, out);
    }
    return out;
  }
  // Record bytes are checked separately (kafkajs decodes them into messages).
  if (type.name !== 'records') out.push(leaf(value));
  return out;
}

/** Leaves of kafkajs's decoded object in property order. */
function theirLeaves(value: unknown, out: string[] = []): string[] {
  if (value === null || value === undefined) return out;
  if (Buffer.isBuffer(value)) {
    out.push(leaf(value));
  } else if (Array.isArray(value)) {
    for (const item of value) theirLeaves(item, out);
  } else if (typeof value === 'object') {
    for (const item of Object.values(value as object)) theirLeaves(item, out);
  } else {
    out.push(leaf(value));
  }
  return out;
}

function leaf(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.length === 0 ? 'bytes:' : `bytes:${value.toString('hex')}`;
  return String(value);
}

/** kafkajs adds fields of its own to some decoded responses; undo them before comparing. */
function normalizeKafkajs(decoded: Record<string, unknown>): Record<string, unknown> {
  const result = { ...decoded };
  // Metadata v6+, JoinGroup v3+, ... report throttling as clientSideThrottleTime and zero the other.
  if ('clientSideThrottleTime' in result) {
    result['throttleTime'] = result['clientSideThrottleTime'];
    delete result['clientSideThrottleTime'];
  }
  return result;
}

/** Error code 35 makes kafkajs's decoders throw (by design), and empty records keep Fetch generic. */
function sanitize(type: AnyType, value: unknown, version: number): unknown {
  const shape = type.shape;
  if (value === null || value === undefined) return value;
  if (shape.kind === 'nullable') return sanitize(shape.inner, value, version);
  if (shape.kind === 'array')
    return (value as unknown[]).map((item) => sanitize(shape.element, item, version));
  if (shape.kind !== 'struct') return value;
  const result: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [name, spec] of Object.entries(shape.fields)) {
    if (name === 'errorCode' && result[name] === 35) result[name] = 0;
    else if (name === 'records') result[name] = Buffer.alloc(0);
    else result[name] = sanitize(spec.type, result[name], version);
  }
  return result;
}

/** kafkajs sorts the per-topic results of these admin responses by name (localeCompare). */
function sortLikeKafkajs(name: ApiName, value: Record<string, unknown>): Record<string, unknown> {
  const field = { CreateTopics: 'topics', DeleteTopics: 'responses', CreatePartitions: 'results' }[
    name as string
  ];
  if (!field) return value;
  const results = [...(value[field] as { name: string }[])].sort((a, b) => a.name.localeCompare(b.name));
  return { ...value, [field]: results };
}

async function kafkajsDecode(
  name: ApiName,
  version: number,
  bytes: Buffer,
): Promise<Record<string, unknown>> {
  const { response } = kafkajsDefinitions(name).protocol({ version })({
    topics: [],
    groupIds: [],
    topicPartitions: [],
    topicData: [],
    groupProtocols: [],
    groupAssignment: [],
    members: [],
  });
  return normalizeKafkajs((await response.decode(bytes)) as Record<string, unknown>);
}

for (const name of Object.keys(KAFKAJS_FOLDERS) as ApiName[]) {
  const api: ApiDefinition = APIS[name];
  for (const version of kafkajsVersions(name)) {
    test(`WP-12 ${name} v${version}: kafkajs decodes this project's responses`, async (t) => {
      const samples = fc.sample(arbitraryFor(api.response, version, { maxArrayLength: 2 }), {
        seed: 9000 + api.key * 17 + version,
        numRuns: 15,
      });
      for (const sample of samples) {
        const value = sortLikeKafkajs(
          name,
          sanitize(api.response, sample, version) as Record<string, unknown>,
        );
        const bytes = Buffer.concat(encodeBody(api.response, version, value as never).chunks as Buffer[]);
        const decoded = await kafkajsDecode(name, version, bytes);
        t.deepEqual(theirLeaves(decoded), ourLeaves(api.response, value, version));
      }
    });
  }
}

test('kafkajs decodes a Fetch response whose records are a real magic-2 batch', async (t) => {
  const batch = await kafkajsRecordBatch(['alpha', 'beta', 'gamma']);
  for (const version of kafkajsVersions('Fetch').filter((v) => v >= 4)) {
    const bytes = Buffer.concat(
      encodeBody(APIS.Fetch.response, version, {
        responses: [
          {
            topic: 'orders',
            partitions: [
              {
                partitionIndex: 0,
                errorCode: 0,
                highWatermark: 3,
                abortedTransactions: null,
                records: batch,
              },
            ],
          },
        ],
      }).chunks as Buffer[],
    );
    const decoded = (await kafkajsDecode('Fetch', version, bytes)) as {
      responses: { partitions: { messages: { value: Buffer; offset: string }[] }[] }[];
    };
    const messages = decoded.responses[0]!.partitions[0]!.messages;
    t.deepEqual(
      messages.map((m) => [m.offset, m.value.toString()]),
      [
        ['0', 'alpha'],
        ['1', 'beta'],
        ['2', 'gamma'],
      ],
      `v${version}`,
    );
  }
});

test('our decoders read what our encoders wrote for kafkajs (sanity of the leaf walk)', (t) => {
  const value = { errorCode: 0, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 2 }], throttleTimeMs: 5 };
  const bytes = Buffer.concat(encodeBody(APIS.ApiVersions.response, 1, value).chunks as Buffer[]);
  t.deepEqual(ourLeaves(APIS.ApiVersions.response, APIS.ApiVersions.response.read(new Reader(bytes), 1), 1), [
    '0',
    '18',
    '0',
    '2',
    '5',
  ]);
});
