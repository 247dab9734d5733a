// The wire server's public surface: start a BrokerServer with a BrokerHandler.
export { BrokerServer, type BrokerServerOptions, DEFAULT_MAX_REQUEST_BYTES } from './broker-server.ts';
export type { Pipelining } from './connection.ts';
export type { FetchPathName, ResolvedFetchPath, SendStats } from './fetch-path.ts';
export type { BrokerHandler, RequestContext } from './handler.ts';
export { type LogFields, type Logger, type LogLevel, recordingLogger, stderrLogger } from './logger.ts';
