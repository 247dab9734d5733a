// The wire fuzzer's seeds: valid request frames of every API and every version kspec serves, from
// three writers: a realistic template per API encoded by kspec's codecs, random well-formed bodies
// drawn from each version's grammar (seeded), and kafkajs's own encoders at the versions kafkajs
// speaks. Each seed carries its field map, so mutations can target lengths, counts and varints.
import fc from 'fast-check';
import { type ApiDefinition, isFlexible } from '../../protocol/api.ts';
import { decodeRequestHeader, encodeRequestFrame, finishRequestHeader } from '../../protocol/frame.ts';
import { Writer } from '../../protocol/primitives.ts';
import { APIS, type ApiName } from '../../protocol/registry.ts';
import { arbitraryFor } from '../../protocol/testing/arbitraries.ts';
import { FieldMapReader, type Span } from './field-map.ts';
import { kafkajsSeeds } from './kafkajs-seeds.ts';
import { TEMPLATES } from './templates.ts';

export type SeedOrigin = 'template' | 'random' | 'kafkajs';

export interface Seed {
  readonly api: ApiDefinition;
  readonly version: number;
  readonly origin: SeedOrigin;
  /** The frame without its int32 size prefix: header, then body. */
  readonly payload: Buffer;
  readonly spans: readonly Span[];
}

export interface CorpusOptions {
  readonly seed: number;
  /** Random bodies per (API, version). */
  readonly randomPerVersion: number;
  readonly kafkajs: boolean;
}

const CLIENT_ID = 'kspec-fuzz';

/** Maps a valid payload's fields; throws if it does not decode exactly (a corpus bug). */
function mapFields(api: ApiDefinition, version: number, payload: Buffer): Span[] {
  const reader = new FieldMapReader(payload);
  decodeRequestHeader(reader);
  finishRequestHeader(reader, api, version);
  api.request.read(reader, version);
  if (reader.remaining !== 0)
    throw new Error(`${api.name} v${version} seed has ${reader.remaining} bytes left over`);
  return reader.spans;
}

function seedOf(api: ApiDefinition, version: number, origin: SeedOrigin, payload: Buffer): Seed {
  return { api, version, origin, payload, spans: mapFields(api, version, payload) };
}

function encoded(api: ApiDefinition, version: number, correlationId: number, body: unknown): Buffer {
  return encodeRequestFrame(api, version, { correlationId, clientId: CLIENT_ID }, body as never).subarray(4);
}

/** A header for a body some other encoder wrote (kafkajs writes bodies only). */
function withHeader(api: ApiDefinition, version: number, correlationId: number, body: Buffer): Buffer {
  const writer = new Writer();
  writer.int16(api.key).int16(version).int32(correlationId).nullableString(CLIENT_ID);
  if (isFlexible(api, version)) writer.unsignedVarint(0);
  writer.raw(body);
  return writer.toBuffer();
}

export async function buildCorpus(options: CorpusOptions): Promise<Seed[]> {
  const seeds: Seed[] = [];
  let correlationId = 1;
  for (const [name, api] of Object.entries(APIS) as [ApiName, ApiDefinition][]) {
    for (let version = api.minVersion; version <= api.maxVersion; version++) {
      seeds.push(seedOf(api, version, 'template', encoded(api, version, correlationId++, TEMPLATES[name])));
      const bodies = fc.sample(arbitraryFor(api.request, version, { maxArrayLength: 2 }), {
        seed: options.seed ^ (api.key * 131 + version),
        numRuns: options.randomPerVersion,
      });
      for (const body of bodies)
        seeds.push(seedOf(api, version, 'random', encoded(api, version, correlationId++, body)));
    }
  }
  if (options.kafkajs) {
    for (const { apiName, version, body } of await kafkajsSeeds(Object.keys(APIS))) {
      const api = APIS[apiName as ApiName];
      if (version < api.minVersion || version > api.maxVersion) continue;
      seeds.push(seedOf(api, version, 'kafkajs', withHeader(api, version, correlationId++, body)));
    }
  }
  return seeds;
}
