// The client's transport into the reference cluster, in process: coordinator requests through the
// cluster's group hosting, data requests straight to a broker's data plane, each from the client's
// own network node (so network partitions and message loss apply). Everything is answered
// synchronously except what the cluster itself parks (a JoinGroup waiting for its phase, an acks=all
// produce waiting for the ISR), so a run stays deterministic.
import { describeTopicConfigs } from '../../../impl/broker/config-handlers.ts';
import { leaderHintFrom } from '../../../impl/broker/leader-hints.ts';
import type { Cluster } from '../../../impl/cluster/cluster.ts';
import type { CoordinatorResponse } from '../../../impl/coordinator/messages.ts';
import { recordText, valuesBatch } from '../../../impl/replication/value-batch.ts';
import { clientNode } from '../../../impl/sim/network.ts';
import { type ErrorName, errorByCode } from '../../../spec/errors.ts';
import { topicConfigSent } from '../../../spec/topic-config-sent.ts';
import { batchFor } from '../malformed-batch.ts';
import type { ClientTransport, Endpoint, FetchOutcome, Route } from '../transport.ts';

const node = (from: Endpoint) => clientNode(from.client);

export function clusterTransport(cluster: Cluster): ClientTransport {
  return {
    now: () => cluster.now(),
    send(from, request, respond) {
      cluster.groups.send(node(from), request, respond);
    },
    async call(from, request) {
      let answer: CoordinatorResponse | undefined;
      cluster.groups.send(node(from), request, (response) => {
        answer = response;
      });
      return answer;
    },
    partitions: (topic) => cluster.controller.topic(topic)?.partitions.length ?? 0,
    async route(from, topic, partition): Promise<Route> {
      return {
        exists: cluster.controller.partition(topic, partition) !== undefined,
        leader: cluster.leaderSeenFrom(node(from), topic, partition),
        reachable: cluster.reachesAnyBroker(node(from)),
      };
    },
    produce(from, leader, call, respond) {
      cluster.data.produce(
        leader,
        {
          from: node(from),
          topic: call.topic,
          partition: call.partition,
          acks: call.acks,
          records: batchFor(call, valuesBatch(call.values, call.timestamps, call.idempotence)),
        },
        (answer) => {
          const hint =
            call.version >= 10
              ? leaderHintFrom(cluster, leader, call.topic, call.partition, answer.error)
              : undefined;
          respond({
            error: answer.error,
            baseOffset: answer.baseOffset,
            ...(hint ? { currentLeader: hint } : {}),
          });
        },
      );
    },
    async fetch(from, leader, call): Promise<FetchOutcome> {
      const broker = leader === 'any' ? cluster.firstBrokerReachedFrom(node(from)) : leader;
      if (broker === undefined)
        return { error: 'NETWORK_EXCEPTION', highWatermark: -1, logStartOffset: -1, records: [] };
      const answer = cluster.data.fetch(broker, { from: node(from), ...call });
      return {
        error: answer.error,
        highWatermark: answer.highWatermark,
        logStartOffset: answer.logStartOffset,
        records: answer.records.map((r) => ({ offset: r.offset, value: recordText(r) })),
      };
    },
    async listOffsets(from, leader, call) {
      const answer = cluster.data.listOffsets(leader, { from: node(from), ...call });
      return { error: answer.error, offset: answer.offset, timestamp: answer.timestamp };
    },
    async createTopic(topic, partitions, replicationFactor, config): Promise<ErrorName> {
      // The same config the wire client sends: the run's pinned settings under the event's.
      const sent = topicConfigSent(cluster.config.raw, config);
      return cluster.createTopic(topic, partitions, replicationFactor, sent).error;
    },
    async createPartitions(topic, count, validateOnly): Promise<ErrorName> {
      return cluster.createPartitions(topic, count, validateOnly).error;
    },
    async describeTopicConfigs(topic) {
      // The wire handler's own code (impl/broker/config-handlers.ts), so both paths run it. Its
      // result is read as the wire codec carries it: a field the handler left out is its zero
      // value (error 0, no configs), so a broken handler gives a wrong answer here too, not a crash.
      const result = describeTopicConfigs({ cluster }, topic);
      return {
        error: (errorByCode(result.errorCode ?? 0)?.name ?? 'UNKNOWN_SERVER_ERROR') as ErrorName,
        configs: (result.configs ?? []).map((c) => ({
          name: c.name,
          value: c.value,
          source: c.configSource ?? -1,
        })),
      };
    },
    async disconnect() {
      // An in-process client holds no connections: the cluster learns of the crash by the session timeout.
    },
  };
}
