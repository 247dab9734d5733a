// The replication machine of one partition, declared with XState v5 `setup()`: guards and actions
// are named after what Kafka does and call the pure functions beside this file, each tagged with
// the rule ids it implements. Time is explicit (LAG_OUT stands for replica.lag.time.max.ms passing,
// FLUSH for flush.ms or the OS writing back); there is no `after` and no `invoke`.
import { assign, setup } from 'xstate';
import {
  canFail,
  canRestart,
  cleanCandidate,
  electLeader,
  failBroker,
  restartBroker,
  uncleanCandidate,
} from './failures.ts';
import { canFetch, canLagOut, followerFetch, lagOut } from './fetch.ts';
import {
  appendAtLeader,
  completableProduce,
  completeProduce,
  notEnoughReplicas,
  rejectProduce,
} from './produce.ts';
import { canFlush, flushReplica, initialReplicationState } from './state.ts';
import type { ReplicationEvent, ReplicationSettings, ReplicationState } from './types.ts';

export interface ReplicationContext {
  readonly partition: ReplicationState;
  readonly settings: ReplicationSettings;
}

const brokerOf = (event: ReplicationEvent): number => ('broker' in event ? event.broker : -1);

export const replicationMachine = setup({
  types: {
    context: {} as ReplicationContext,
    events: {} as ReplicationEvent,
    input: {} as ReplicationSettings,
  },
  guards: {
    // RP-9
    notEnoughReplicas: ({ context }) => notEnoughReplicas(context.partition, context.settings),
    // RP-8, RP-10
    completableProduce: ({ context }) => completableProduce(context.partition),
    // RP-5
    canFetch: ({ context, event }) => canFetch(context.partition, brokerOf(event)),
    // RP-6
    canLagOut: ({ context, event }) => canLagOut(context.partition, brokerOf(event)),
    // RP-17
    canFlush: ({ context, event }) => canFlush(context.partition, brokerOf(event)),
    // RP-16
    canRestart: ({ context, event }) => canRestart(context.partition, brokerOf(event)),
    // RP-16, RP-12: the leader's failure takes the partition offline
    leaderFails: ({ context, event }) =>
      event.type === 'FAIL' &&
      event.broker === context.partition.leader &&
      canFail(context.partition, event.broker, event.kind, context.settings),
    // RP-16 (within the fault budget)
    canFail: ({ context, event }) =>
      event.type === 'FAIL' && canFail(context.partition, event.broker, event.kind, context.settings),
    // RP-12
    cleanCandidate: ({ context, event }) => cleanCandidate(context.partition, brokerOf(event)),
    // RP-13
    uncleanCandidate: ({ context, event }) =>
      uncleanCandidate(context.partition, brokerOf(event), context.settings),
  },
  actions: {
    rejectProduce: assign(({ context }) => ({
      partition: rejectProduce(context.partition, context.settings),
    })),
    appendAtLeader: assign(({ context }) => ({
      partition: appendAtLeader(context.partition, context.settings),
    })),
    completeProduce: assign(({ context }) => ({
      partition: completeProduce(context.partition, context.settings),
    })),
    followerFetch: assign(({ context, event }) => ({
      partition: followerFetch(context.partition, brokerOf(event), context.settings),
    })),
    lagOut: assign(({ context, event }) => ({
      partition: lagOut(context.partition, brokerOf(event), context.settings),
    })),
    flush: assign(({ context, event }) => ({ partition: flushReplica(context.partition, brokerOf(event)) })),
    restart: assign(({ context, event }) => ({
      partition: restartBroker(context.partition, brokerOf(event), context.settings),
    })),
    failBroker: assign(({ context, event }) => ({
      partition:
        event.type === 'FAIL'
          ? failBroker(context.partition, event.broker, event.kind, context.settings)
          : context.partition,
    })),
    electLeader: assign(({ context, event }) => ({
      partition: electLeader(context.partition, brokerOf(event), context.settings),
    })),
  },
}).createMachine({
  id: 'replication',
  context: ({ input }) => ({ partition: initialReplicationState(input), settings: input }),
  initial: 'online',
  on: {
    FLUSH: { guard: 'canFlush', actions: 'flush' },
    RESTART: { guard: 'canRestart', actions: 'restart' },
  },
  states: {
    online: {
      on: {
        PRODUCE: [{ guard: 'notEnoughReplicas', actions: 'rejectProduce' }, { actions: 'appendAtLeader' }],
        COMPLETE_PRODUCE: { guard: 'completableProduce', actions: 'completeProduce' },
        FETCH: { guard: 'canFetch', actions: 'followerFetch' },
        LAG_OUT: { guard: 'canLagOut', actions: 'lagOut' },
        FAIL: [
          { guard: 'leaderFails', target: 'offline', actions: 'failBroker' },
          { guard: 'canFail', actions: 'failBroker' },
        ],
      },
    },
    offline: {
      on: {
        FAIL: { guard: 'canFail', actions: 'failBroker' },
        ELECT: [
          { guard: 'cleanCandidate', target: 'online', actions: 'electLeader' },
          { guard: 'uncleanCandidate', target: 'online', actions: 'electLeader' },
        ],
      },
    },
  },
});
