// The interface between the wire layer and the cluster: one async method per API, taking the
// decoded request and its context and returning the response object (encoded by the server at the
// request's version). ApiVersions is answered by the server itself from the registry, so every
// broker advertises the same ranges. Protocol outcomes are error codes inside the response; a
// thrown exception is a bug: the server logs it and closes the connection.
//
// Version semantics a handler must honour (the decoded request fills absent fields with defaults):
// - Metadata v0: an empty topic list means all topics; v1+: null means all, [] means none.
// - OffsetFetch v0-1: topics are never null; v2+: null means every committed partition.
// - ListOffsets v0 answers in `oldStyleOffsets`; v1+ in `timestamp`/`offset`.
// - LeaveGroup v0-2 carry `memberId`; v3 carries a `members` batch.
// - JoinGroup v4+: a new member (memberId '') is answered MEMBER_ID_REQUIRED with its new id.
// - Produce acks=0: the response is never sent; a partition error makes the server close the
//   connection (as Kafka does), so still return the per-partition outcome.
// - Fetch: `records` may be file slices (impl/log's ReadResult.slices); they must stay readable
//   until the response is sent. Long polls should honour maxWaitMs/minBytes and `signal`.

import type { ApiName, Apis } from '../protocol/registry.ts';
import type { Infer, Input } from '../protocol/schema.ts';

export interface RequestContext {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
  /** Unique per server, in accept order. */
  connectionId: number;
  brokerId: number;
  /** Remote address, for DescribeGroups' clientHost. */
  clientHost: string;
  /** Aborted when the connection closes: parked requests (long-poll Fetch, JoinGroup) may give up. */
  signal: AbortSignal;
}

type HandledApi = Exclude<ApiName, 'ApiVersions'>;
type RequestOf<N extends ApiName> = Infer<Apis[N]['request']>;
type ResponseOf<N extends ApiName> = Input<Apis[N]['response']>;

/** Method names are the API names in lower camel case: `JoinGroup` -> `joinGroup`. */
type HandlerMethod<N extends HandledApi> = Uncapitalize<N>;

export type BrokerHandler = {
  [N in HandledApi as Uncapitalize<N>]: (
    request: RequestOf<N>,
    context: RequestContext,
  ) => Promise<N extends 'Produce' ? ResponseOf<N> | null : ResponseOf<N>>;
};

export function handlerMethodName(apiName: string): string {
  return apiName.charAt(0).toLowerCase() + apiName.slice(1);
}
