// Request header v1 / response header v0 and the int32 size prefix, for every API in the
// registry. (All versions spoken here are non-flexible, so header v2 / response header v1 with
// tagged fields never occur; ApiVersions keeps response header v0 in every version anyway.) (WP-2)
import type { ApiDefinition } from './api.ts';
import { type Encoded, ProtocolDecodeError, type Reader, Writer } from './primitives.ts';
import type { Input, StructType } from './schema.ts';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

/** Reads request header v1 from a frame payload (the bytes after the size prefix). */
export function decodeRequestHeader(reader: Reader): RequestHeader {
  if (reader.remaining < 8)
    throw new ProtocolDecodeError(`request header needs 8 bytes, frame has ${reader.remaining}`);
  const apiKey = reader.int16();
  const apiVersion = reader.int16();
  const correlationId = reader.int32();
  const clientId = reader.nullableString();
  return { apiKey, apiVersion, correlationId, clientId };
}

/** A whole request frame: size, header v1, body. Any api key/version may be written (tests send wrong ones). */
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
  api.request.write(writer, body, version);
  const frame = writer.toBuffer();
  frame.writeInt32BE(frame.length - 4, 0);
  return frame;
}

/** A whole response frame: size, header v0 (correlation id), body; may hold file slices. */
export function encodeResponseFrame<A extends ApiDefinition>(
  api: A,
  version: number,
  correlationId: number,
  body: Input<A['response']>,
): Encoded {
  const writer = new Writer();
  writer.int32(0).int32(correlationId);
  api.response.write(writer, body, version);
  const encoded = writer.finish();
  const first = encoded.chunks[0] as Buffer;
  first.writeInt32BE(encoded.length - 4, 0);
  return encoded;
}

/** Encodes only a body (no header, no size): what kafkajs's encoders and decoders see. */
export function encodeBody<S extends StructType<any>>(schema: S, version: number, body: Input<S>): Encoded {
  const writer = new Writer();
  schema.write(writer, body, version);
  return writer.finish();
}
