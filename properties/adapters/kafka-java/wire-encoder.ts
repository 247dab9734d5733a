// Kafka 4.4's own message serialisation (kspec.wire.EncodeMessages in src/main/java) as an
// independent encoder for impl/protocol's codecs: a kspec value is handed over in the form of
// Kafka's generated JsonConverter and comes back as the bytes Kafka writes at that version. One
// JVM per batch; the batch is written at once and answered line by line, in order.
import type { ApiDefinition } from '../../../impl/protocol/api.ts';
import type { AnyType } from '../../../impl/protocol/schema.ts';
import { runJsonLines } from './json-lines.ts';

const MAIN_CLASS = 'kspec.wire.EncodeMessages';

export interface EncodeJob {
  readonly api: ApiDefinition;
  readonly kind: 'request' | 'response';
  readonly version: number;
  /** A decoded kspec value of `api[kind]` at `version`. */
  readonly value: unknown;
}

/** Kafka's bytes (hex) for each job, or the exception Kafka threw, in order. */
export type EncodeAnswer = { readonly hex: string } | { readonly error: string };

/**
 * Where kspec's field name differs from Kafka's (the JSON converters use Kafka's), by API:
 * `path.to.field` (kspec names) -> Kafka's name of that last field.
 */
const KAFKA_NAMES: Record<string, Record<string, string>> = {
  OffsetCommit: { 'request.generationId': 'generationIdOrMemberEpoch' },
};

/** `value` in the JSON form Kafka's JsonConverter reads: the fields of `version` only, bytes as base64. */
function kafkaJson(api: string, type: AnyType, value: unknown, version: number, path: string): unknown {
  const shape = type.shape;
  if (value === null) return null;
  if (shape.kind === 'nullable') return kafkaJson(api, shape.inner, value, version, path);
  if (shape.kind === 'array')
    return (value as unknown[]).map((item) => kafkaJson(api, shape.element, item, version, path));
  if (shape.kind === 'struct') {
    const out: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(shape.fields)) {
      if (version < spec.from || version > spec.to) continue;
      const fieldPath = `${path}.${name}`;
      const kafkaName = KAFKA_NAMES[api]?.[fieldPath] ?? name;
      out[kafkaName] = kafkaJson(
        api,
        spec.type,
        (value as Record<string, unknown>)[name],
        version,
        fieldPath,
      );
    }
    return out;
  }
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return value;
}

export async function encodeWithKafka(jobs: readonly EncodeJob[]): Promise<EncodeAnswer[]> {
  return runJsonLines<EncodeAnswer>(
    MAIN_CLASS,
    jobs.map((job) => ({
      api: job.api.name,
      kind: job.kind,
      version: job.version,
      json: kafkaJson(job.api.name, job.api[job.kind], job.value, job.version, job.kind),
    })),
  );
}
