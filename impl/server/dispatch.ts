// One request frame in, one outcome out: a response to send, nothing (acks=0 Produce), or a
// reason to close the connection. Mirrors Kafka's SocketServer/RequestContext: an unknown api key,
// an unsupported version (except ApiVersions) or an unparsable header or body (a malformed tagged
// field included) closes the connection; an unsupported ApiVersions version is answered in v0 with
// UNSUPPORTED_VERSION (KIP-511).
// Rules: WP-4 (unknown key), WP-5 (unsupported version), WP-6 (ApiVersions fallback), WP-7 (one
// table answers ApiVersions), WP-8 (unparsable body), WP-9 (acks=0: silence, or close on failure),
// WP-14 (flexible versions).
import { errorCode } from '../../spec/errors.ts';
import type { ApiDefinition } from '../protocol/api.ts';
import { supportsVersion } from '../protocol/api.ts';
import type { ApiVersionsRequest } from '../protocol/apis/18-api-versions.ts';
import {
  decodeRequestHeader,
  encodeResponseFrame,
  finishRequestHeader,
  type RequestHeader,
} from '../protocol/frame.ts';
import { type Encoded, ProtocolDecodeError, Reader } from '../protocol/primitives.ts';
import { APIS, advertisedVersions, apiByKey } from '../protocol/registry.ts';
import { type BrokerHandler, handlerMethodName, type RequestContext } from './handler.ts';

export type Outcome =
  | { kind: 'respond'; encoded: Encoded; header: RequestHeader; apiName: string }
  | { kind: 'silent'; header: RequestHeader; apiName: string }
  | { kind: 'close'; reason: string; header?: RequestHeader };

export interface ConnectionInfo {
  connectionId: number;
  brokerId: number;
  clientHost: string;
  signal: AbortSignal;
}

const UNSUPPORTED_VERSION = errorCode('UNSUPPORTED_VERSION');

/** KIP-511's pattern for a v3+ request's client software name and version. */
const SOFTWARE_PATTERN = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;

function apiVersionsAnswer(header: RequestHeader, reader: Reader): Outcome {
  const api = APIS.ApiVersions;
  if (!supportsVersion(api, header.apiVersion)) {
    // Kafka does not parse the body of an ApiVersions request it cannot read; it answers in v0
    // with the error and its own ApiVersions range, so the client can retry at a version it has.
    const encoded = encodeResponseFrame(api, 0, header.correlationId, {
      errorCode: UNSUPPORTED_VERSION,
      apiKeys: [{ apiKey: api.key, minVersion: api.minVersion, maxVersion: api.maxVersion }],
    });
    return { kind: 'respond', encoded, header, apiName: api.name };
  }
  let request: ApiVersionsRequest;
  try {
    finishRequestHeader(reader, api, header.apiVersion);
    request = api.request.read(reader, header.apiVersion);
  } catch (error) {
    if (!(error instanceof ProtocolDecodeError)) throw error;
    return {
      kind: 'close',
      reason: `malformed ApiVersions v${header.apiVersion} request: ${error.message}`,
      header,
    };
  }
  // v3+ names the client's software; Kafka refuses names outside KIP-511's pattern with
  // INVALID_REQUEST and no versions (ApiVersionsRequest.isValid).
  if (
    header.apiVersion >= 3 &&
    !(
      SOFTWARE_PATTERN.test(request.clientSoftwareName) &&
      SOFTWARE_PATTERN.test(request.clientSoftwareVersion)
    )
  ) {
    const encoded = encodeResponseFrame(api, header.apiVersion, header.correlationId, {
      errorCode: errorCode('INVALID_REQUEST'),
      apiKeys: [],
      throttleTimeMs: 0,
    });
    return { kind: 'respond', encoded, header, apiName: api.name };
  }
  const encoded = encodeResponseFrame(api, header.apiVersion, header.correlationId, {
    errorCode: 0,
    apiKeys: advertisedVersions(),
    throttleTimeMs: 0,
  });
  return { kind: 'respond', encoded, header, apiName: api.name };
}

function hasPartitionError(response: {
  responses: { partitionResponses: { errorCode: number }[] }[];
}): boolean {
  return response.responses.some((topic) =>
    topic.partitionResponses.some((partition) => partition.errorCode !== 0),
  );
}

export async function dispatch(
  payload: Buffer,
  handler: BrokerHandler,
  info: ConnectionInfo,
): Promise<Outcome> {
  const reader = new Reader(payload);
  let header: RequestHeader;
  try {
    header = decodeRequestHeader(reader);
  } catch (error) {
    return { kind: 'close', reason: `malformed request header: ${(error as Error).message}` };
  }
  const api: ApiDefinition | undefined = apiByKey(header.apiKey);
  if (!api) return { kind: 'close', reason: `unknown api key ${header.apiKey}`, header };
  if (api.key === APIS.ApiVersions.key) return apiVersionsAnswer(header, reader);
  if (!supportsVersion(api, header.apiVersion)) {
    return {
      kind: 'close',
      reason: `${api.name} version ${header.apiVersion} is not supported (${api.minVersion}-${api.maxVersion})`,
      header,
    };
  }
  let request: Record<string, unknown>;
  try {
    finishRequestHeader(reader, api, header.apiVersion);
    request = api.request.read(reader, header.apiVersion);
  } catch (error) {
    if (!(error instanceof ProtocolDecodeError)) throw error;
    return {
      kind: 'close',
      reason: `malformed ${api.name} v${header.apiVersion} body: ${error.message}`,
      header,
    };
  }
  const context: RequestContext = { ...header, ...info };
  const method = (handler as unknown as Record<string, (r: unknown, c: RequestContext) => Promise<unknown>>)[
    handlerMethodName(api.name)
  ];
  if (!method) return { kind: 'close', reason: `handler has no method for ${api.name}`, header };
  let response: unknown;
  try {
    response = await method.call(handler, request, context);
  } catch (error) {
    return {
      kind: 'close',
      reason: `${api.name} handler failed: ${(error as Error).stack ?? error}`,
      header,
    };
  }
  if (api.key === APIS.Produce.key && request['acks'] === 0) {
    // acks=0 gets no response; Kafka closes the connection instead when the produce failed, so
    // the client at least notices (KafkaApis.handleProduceRequest).
    if (response && hasPartitionError(response as never)) {
      return { kind: 'close', reason: 'acks=0 produce failed on some partition', header };
    }
    return { kind: 'silent', header, apiName: api.name };
  }
  if (response === null || response === undefined) {
    return { kind: 'close', reason: `${api.name} handler returned no response`, header };
  }
  try {
    const encoded = encodeResponseFrame(api, header.apiVersion, header.correlationId, response as never);
    return { kind: 'respond', encoded, header, apiName: api.name };
  } catch (error) {
    return {
      kind: 'close',
      reason: `${api.name} response not encodable: ${(error as Error).message}`,
      header,
    };
  }
}
