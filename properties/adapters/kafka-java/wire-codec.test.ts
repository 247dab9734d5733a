// WP-14: impl/protocol's codecs against Kafka 4.4's own serialisation, for every API kspec serves,
// every version and both directions: random values (the codec round-trip's generators) are written
// by Kafka's generated message classes (kspec.wire.EncodeMessages), and kspec must read exactly
// those bytes back to the same value and write the same bytes itself. This covers the flexible
// versions (compact forms, tagged fields) that kafkajs, the other independent encoder, lacks.
// Kafka 4.4's message classes start at its own minimum versions (KIP-896 removed older ones); the
// older versions kspec still serves are checked against kafkajs (impl/protocol/kafkajs-*.test.ts).
import test from 'ava';
import fc from 'fast-check';
import { encodeBody } from '../../../impl/protocol/frame.ts';
import { Reader } from '../../../impl/protocol/primitives.ts';
import { APIS } from '../../../impl/protocol/registry.ts';
import { arbitraryFor } from '../../../impl/protocol/testing/arbitraries.ts';
import { type EncodeJob, encodeWithKafka } from './wire-encoder.ts';

const SAMPLES = 4;

/** Kafka 4.4's lowest version per API where it is above 0 (`LOWEST_SUPPORTED_VERSION` of its *Data classes). */
const KAFKA_MIN: Record<string, number> = {
  Produce: 3,
  Fetch: 4,
  ListOffsets: 1,
  OffsetCommit: 2,
  OffsetFetch: 1,
  CreateTopics: 2,
  DeleteTopics: 1,
  OffsetForLeaderEpoch: 2,
};
const firstVersion = (api: { name: string; minVersion: number }) =>
  Math.max(api.minVersion, KAFKA_MIN[api.name] ?? 0);

const jobs: EncodeJob[] = [];
for (const api of Object.values(APIS)) {
  for (let version = firstVersion(api); version <= api.maxVersion; version++) {
    for (const kind of ['request', 'response'] as const) {
      const values = fc.sample(arbitraryFor(api[kind], version, { maxArrayLength: 2 }), {
        seed: 20 + api.key * 97 + version * 7 + (kind === 'request' ? 0 : 1),
        numRuns: SAMPLES,
      });
      for (const value of values) jobs.push({ api, kind, version, value });
    }
  }
}

const answers = encodeWithKafka(jobs);

for (const api of Object.values(APIS)) {
  for (let version = firstVersion(api); version <= api.maxVersion; version++) {
    for (const kind of ['request', 'response'] as const) {
      test(`WP-14 ${api.name} v${version} ${kind}: Kafka 4.4's bytes decode to the value and kspec writes the same bytes`, async (t) => {
        t.timeout(600_000); // the first run builds the Java programs with Maven
        const all = await answers;
        jobs.forEach((job, index) => {
          if (job.api !== api || job.version !== version || job.kind !== kind) return;
          const answer = all[index]!;
          if ('error' in answer) {
            t.fail(`Kafka refused ${JSON.stringify(job.value)}: ${answer.error}`);
            return;
          }
          const kafkaBytes = Buffer.from(answer.hex, 'hex');
          const schema = api[kind];
          const reader = new Reader(kafkaBytes);
          t.deepEqual(schema.read(reader, version), job.value);
          t.is(reader.remaining, 0);
          const ours = Buffer.concat(encodeBody(schema, version, job.value as never).chunks as Buffer[]);
          t.is(ours.toString('hex'), answer.hex);
        });
      });
    }
  }
}
