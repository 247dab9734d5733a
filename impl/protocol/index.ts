// The wire codecs' public surface: the registry, the grammar DSL, frames, primitives and every
// API's request/response types (`JoinGroupRequest` decoded, `JoinGroupResponseInput` to encode).
export { type ApiDefinition, defineApi, supportsVersion } from './api.ts';
export type * from './apis/00-produce.ts';
export type * from './apis/01-fetch.ts';
export type * from './apis/02-list-offsets.ts';
export type * from './apis/03-metadata.ts';
export type * from './apis/08-offset-commit.ts';
export type * from './apis/09-offset-fetch.ts';
export type * from './apis/10-find-coordinator.ts';
export type * from './apis/11-join-group.ts';
export type * from './apis/12-heartbeat.ts';
export type * from './apis/13-leave-group.ts';
export type * from './apis/14-sync-group.ts';
export type * from './apis/15-describe-groups.ts';
export type * from './apis/16-list-groups.ts';
export type * from './apis/18-api-versions.ts';
export type * from './apis/19-create-topics.ts';
export type * from './apis/20-delete-topics.ts';
export type * from './apis/22-init-producer-id.ts';
export type * from './apis/23-offset-for-leader-epoch.ts';
export type * from './apis/37-create-partitions.ts';
export * from './frame.ts';
export * from './primitives.ts';
export { API_NAMES, APIS, type ApiName, type Apis, advertisedVersions, apiByKey } from './registry.ts';
export { describe, type Infer, type Input } from './schema.ts';
