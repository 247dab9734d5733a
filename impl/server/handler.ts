// The contract between the wire layer and the cluster: one async method per API, taking the
// decoded request and its context and returning the response object (encoded by the server at the
// request's version). ApiVersions is answered by the server itself from the registry, so every
// broker advertises the same ranges. Protocol outcomes are error codes inside the response; a
// thrown exception is a bug: the server logs it and closes the connection.

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
export type HandlerMethod<N extends HandledApi> = Uncapitalize<N>;

export type BrokerHandler = {
  [N in HandledApi as Uncapitalize<N>]: (
    request: RequestOf<N>,
    context: RequestContext,
  ) => Promise<N extends 'Produce' ? ResponseOf<N> | null : ResponseOf<N>>;
};

export function handlerMethodName(apiName: string): string {
  return apiName.charAt(0).toLowerCase() + apiName.slice(1);
}
