// The BrokerHandler of the reference broker: one method per API, each a thin hand-off to the file
// that maps it onto the cluster (data-handlers, fetch-handler, metadata-handlers, group-handlers).
import type { BrokerHandler } from '../server/handler.ts';
import type { BrokerContext } from './broker-context.ts';
import { describeCluster, describeConfigs } from './config-handlers.ts';
import { listOffsets, offsetForLeaderEpoch, produce } from './data-handlers.ts';
import { fetch } from './fetch-handler.ts';
import * as groups from './group-handlers.ts';
import * as admin from './metadata-handlers.ts';

export function wireHandler(context: BrokerContext): BrokerHandler {
  return {
    produce: (request, requestContext) => produce(context, request, requestContext),
    fetch: (request, requestContext) => fetch(context, request, requestContext),
    listOffsets: (request, requestContext) => listOffsets(context, request, requestContext),
    metadata: (request, requestContext) => admin.metadata(context, request, requestContext),
    offsetCommit: (request, requestContext) => groups.offsetCommit(context, request, requestContext),
    offsetFetch: (request, requestContext) => groups.offsetFetch(context, request, requestContext),
    findCoordinator: (request, requestContext) => admin.findCoordinator(context, request, requestContext),
    joinGroup: (request, requestContext) => groups.joinGroup(context, request, requestContext),
    heartbeat: (request, requestContext) => groups.heartbeat(context, request, requestContext),
    leaveGroup: (request, requestContext) => groups.leaveGroup(context, request, requestContext),
    syncGroup: (request, requestContext) => groups.syncGroup(context, request, requestContext),
    describeGroups: (request, requestContext) => groups.describeGroups(context, request, requestContext),
    listGroups: (request, requestContext) => groups.listGroups(context, request, requestContext),
    deleteGroups: (request, requestContext) => groups.deleteGroups(context, request, requestContext),
    offsetDelete: (request, requestContext) => groups.offsetDelete(context, request, requestContext),
    createTopics: (request) => admin.createTopics(context, request),
    deleteTopics: (request, requestContext) => admin.deleteTopics(context, request, requestContext),
    initProducerId: (request) => admin.initProducerId(context, request),
    offsetForLeaderEpoch: (request, requestContext) => offsetForLeaderEpoch(context, request, requestContext),
    createPartitions: (request) => admin.createPartitions(context, request),
    describeConfigs: (request, requestContext) => describeConfigs(context, request, requestContext),
    describeCluster: (request) => describeCluster(context, request),
  };
}
