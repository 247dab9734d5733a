// A small fixed counterexample used by the renderer golden tests and the reader tests: two
// consumers share t (3 partitions) under range; c2 joins, the group rebalances, and c1 commits
// with its old generation. The recorded system accepted that commit (the bug this trace shows).
import type { JoinEvent } from '../../spec/events.ts';
import type { Trace } from '../../spec/trace.ts';
import { createTrace } from '../export.ts';

const join = (client: string): JoinEvent => ({
  type: 'join',
  client,
  group: 'g',
  member: 'own',
  protocols: [{ name: 'range', topics: ['t'] }],
  sessionTimeoutMs: 10000,
  rebalanceTimeoutMs: 30000,
});

export function sampleTrace(): Trace {
  return createTrace({
    kind: 'counterexample',
    note: 'A commit carrying a generation older than the group was accepted after a rebalance.',
    adapter: 'sample',
    config: {
      'partition.assignment.strategy': 'range',
      'group.initial.rebalance.delay.ms': 0,
      partitions: 3,
    },
    profile: 'groups',
    seed: 42,
    path: '3:1:0',
    replayPath: 'CBA',
    violation: {
      rules: ['OC-2'],
      property: 'no-stale-generation-commit',
      message: 'commit with generation 1 accepted while the group is at generation 2',
      step: 9,
    },
    steps: [
      {
        event: { type: 'create-topic', topic: 't', partitions: 3, replicationFactor: 1 },
        observations: [{ type: 'admin-response', request: 0, op: 'create-topic', topic: 't', error: 'NONE' }],
      },
      {
        event: join('c1'),
        observations: [
          {
            type: 'join-response',
            request: 1,
            client: 'c1',
            group: 'g',
            error: 'NONE',
            memberId: 'c1-0001',
            generation: 1,
            protocol: 'range',
            leader: 'c1',
            members: [{ client: 'c1', memberId: 'c1-0001', topics: ['t'] }],
          },
        ],
        state: { digest: '0a1b2c3d' },
      },
      {
        event: { type: 'sync', client: 'c1', group: 'g', generation: 1, member: 'own' },
        observations: [
          {
            type: 'sync-response',
            request: 2,
            client: 'c1',
            group: 'g',
            error: 'NONE',
            assignment: [{ topic: 't', partitions: [0, 1, 2] }],
          },
        ],
        state: { digest: '1b2c3d4e' },
      },
      {
        event: { type: 'produce', producer: 'p1', topic: 't', partition: 0, values: ['a', 'b'], acks: -1 },
        observations: [
          {
            type: 'produce-response',
            request: 3,
            producer: 'p1',
            topic: 't',
            partition: 0,
            acks: -1,
            error: 'NONE',
            baseOffset: 0,
            values: ['a', 'b'],
          },
        ],
      },
      { event: join('c2'), observations: [], state: { digest: '2c3d4e5f' }, note: 'c2 arrives: rebalance' },
      {
        event: { type: 'heartbeat', client: 'c1', group: 'g', generation: 1, member: 'own' },
        observations: [
          {
            type: 'heartbeat-response',
            request: 5,
            client: 'c1',
            group: 'g',
            error: 'REBALANCE_IN_PROGRESS',
          },
        ],
      },
      {
        event: join('c1'),
        observations: [
          {
            type: 'join-response',
            request: 6,
            client: 'c1',
            group: 'g',
            error: 'NONE',
            memberId: 'c1-0001',
            generation: 2,
            protocol: 'range',
            leader: 'c1',
            members: [
              { client: 'c1', memberId: 'c1-0001', topics: ['t'] },
              { client: 'c2', memberId: 'c2-0002', topics: ['t'] },
            ],
          },
          {
            type: 'join-response',
            request: 4,
            client: 'c2',
            group: 'g',
            error: 'NONE',
            memberId: 'c2-0002',
            generation: 2,
            protocol: 'range',
            leader: 'c1',
            members: [],
          },
        ],
        state: { digest: '3d4e5f60' },
      },
      {
        event: { type: 'sync', client: 'c1', group: 'g', generation: 2, member: 'own' },
        observations: [
          {
            type: 'sync-response',
            request: 7,
            client: 'c1',
            group: 'g',
            error: 'NONE',
            assignment: [{ topic: 't', partitions: [0, 1] }],
          },
        ],
      },
      {
        event: { type: 'sync', client: 'c2', group: 'g', generation: 2, member: 'own' },
        observations: [
          {
            type: 'sync-response',
            request: 8,
            client: 'c2',
            group: 'g',
            error: 'NONE',
            assignment: [{ topic: 't', partitions: [2] }],
          },
        ],
        state: { digest: '4e5f6071' },
      },
      {
        event: {
          type: 'commit',
          client: 'c1',
          group: 'g',
          generation: 1,
          member: 'own',
          offsets: [{ topic: 't', partition: 0, offset: 2 }],
        },
        observations: [
          {
            type: 'commit-response',
            request: 9,
            client: 'c1',
            group: 'g',
            source: 'request',
            generation: 1,
            partitions: [{ topic: 't', partition: 0, offset: 2, error: 'NONE' }],
          },
        ],
        modelObservations: [
          {
            type: 'commit-response',
            request: 9,
            client: 'c1',
            group: 'g',
            source: 'request',
            generation: 1,
            partitions: [{ topic: 't', partition: 0, offset: 2, error: 'ILLEGAL_GENERATION' }],
          },
        ],
        state: { digest: '5f607182' },
      },
      { event: { type: 'advance-time', ms: 3000 }, observations: [] },
    ],
  });
}
