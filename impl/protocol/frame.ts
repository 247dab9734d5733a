// Request and response headers and the int32 size prefix, for every API in the registry (WP-2).
// Request header v1 (api key, version, correlation id, nullable client id) in non-flexible versions;
// v2 adds a tagged-field section after the client id (which stays a non-compact string) in flexible
// ones. Response header v0 is the correlation id; v1 adds a tagged-field section, except that
// ApiVersions always answers with header v0 so a client that does not yet know the broker's
// versions can read it (Kafka's special case, KIP-511). No header tags are defined: none are
// written, and any received are skipped.
import { type ApiDefinition, isFlexible } from './api.ts';
import { type Encoded, ProtocolDecodeError, type Reader, Writer } from './primitives.ts';
import type { Input, StructType } from './schema.ts';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

const API_VERSIONS_KEY = 18;

/** Reads the part of the request header every version shares (v1), from a frame payload. */
export function decodeRequestHeader(reader: Reader): RequestHeader {
  if (reader.remaining < 8)
    throw new ProtocolDecodeError(`request header needs 8 bytes, frame has ${reader.remaining}`);
  const apiKey = reader.int16();
  const apiVersion = reader.int16();
  const correlationId = reader.int32();
  const clientId = reader.nullableString();
  return { apiKey, apiVersion, correlationId, clientId };
}

/** Skips a tagged-field section (headers declare no tags), refusing one that runs past the frame. */
export function skipTaggedFields(reader: Reader, where: string): void {
  const count = reader.unsignedVarint();
  for (let index = 0; index < count; index++) {
    const tag = reader.unsignedVarint();
    reader.skip(reader.unsignedVarint(), `${where} tagged field ${tag}`);
  }
}

/** After decodeRequestHeader: the rest of header v2 when `version` of `api` is flexible. */
export function finishRequestHeader(reader: Reader, api: ApiDefinition, version: number): void {
  if (isFlexible(api, version)) skipTaggedFields(reader, 'request header');
}

/** Response header v1 (with tagged fields) for flexible versions, v0 otherwise and for ApiVersions. */
export function responseHeaderHasTags(api: ApiDefinition, version: number): boolean {
  return api.key !== API_VERSIONS_KEY && isFlexible(api, version);
}

/** A whole request frame: size, header v1 or v2, body. Any api key/version may be written (tests send wrong ones). */
export function encodeRequestFrame<A extends ApiDefinition>(
  api: A,
  version: number,
  header: { correlationId: number; clientId: string | null; apiKey?: number },
  body: Input<A['request']>,
): Buffer {
  const writer = new Writer();
  writer.int32(0);
  writer
    .int16(header.apiKey ?? api.key)
    .int16(version)
    .int32(header.correlationId);
  writer.nullableString(header.clientId);
  if (isFlexible(api, version)) writer.unsignedVarint(0);
  api.request.write(writer, body, version);
  const frame = writer.toBuffer();
  frame.writeInt32BE(frame.length - 4, 0);
  return frame;
}

/** A whole response frame: size, header v0 or v1, body; may hold file slices. */
export function encodeResponseFrame<A extends ApiDefinition>(
  api: A,
  version: number,
  correlationId: number,
  body: Input<A['response']>,
): Encoded {
  const writer = new Writer();
  writer.int32(0).int32(correlationId);
  if (responseHeaderHasTags(api, version)) writer.unsignedVarint(0);
  api.response.write(writer, body, version);
  const encoded = writer.finish();
  const first = encoded.chunks[0] as Buffer;
  first.writeInt32BE(encoded.length - 4, 0);
  return encoded;
}

/** Reads a response header (after the size prefix) and returns its correlation id. */
export function decodeResponseHeader(reader: Reader, api: ApiDefinition, version: number): number {
  const correlationId = reader.int32();
  if (responseHeaderHasTags(api, version)) skipTaggedFields(reader, 'response header');
  return correlationId;
}

/** Encodes only a body (no header, no size): what kafkajs's encoders and decoders see. */
export function encodeBody<S extends StructType<any>>(schema: S, version: number, body: Input<S>): Encoded {
  const writer = new Writer();
  schema.write(writer, body, version);
  return writer.finish();
}
