import test from 'ava';
import { resolveConfig } from '../../spec/config.ts';
import type { PartitionSnapshot, SystemState } from '../../spec/state.ts';
import { generationMonotonic } from './generation-monotonic.ts';
import { highWatermarkBounded } from './high-watermark-bounded.ts';
import { highWatermarkMonotonic } from './high-watermark-monotonic.ts';
import { leaderInIsr } from './leader-in-isr.ts';
import { oneOwnerPerPartition } from './one-owner-per-partition.ts';

const config = resolveConfig({});

const partition = (overrides: Partial<PartitionSnapshot> = {}): PartitionSnapshot => ({
  topic: 't',
  partition: 0,
  replicas: [0, 1],
  leader: 0,
  leaderEpoch: 1,
  isr: [0, 1],
  highWatermark: 2,
  replicaStates: [
    { broker: 0, alive: true, logEndOffset: 3, highWatermark: 2, lastEpoch: 1 },
    { broker: 1, alive: true, logEndOffset: 2, highWatermark: 2, lastEpoch: 1 },
  ],
  ...overrides,
});

const state = (partitions: PartitionSnapshot[], groups: SystemState['groups'] = []): SystemState => ({
  timeMs: 0,
  brokers: [
    { id: 0, alive: true },
    { id: 1, alive: true },
  ],
  groups,
  partitions,
});

const group = (
  generation: number,
  members: [string, number[]][],
  groupState: 'Stable' | 'PreparingRebalance' = 'Stable',
) => ({
  group: 'g',
  state: groupState,
  generation,
  protocol: 'range',
  leader: members[0]?.[0] ?? null,
  members: members.map(([client, partitions]) => ({
    client,
    syncedGeneration: generation,
    assignment: [{ topic: 't', partitions }],
  })),
  committed: [],
});

test('RP-4 high-watermark-bounded: HW above a live ISR member log end', (t) => {
  t.is(highWatermarkBounded.check(state([partition()]), undefined, config), undefined);
  t.regex(
    highWatermarkBounded.check(state([partition({ highWatermark: 3 })]), undefined, config) ?? '',
    /above ISR member 1/,
  );
});

test('RP-3 high-watermark-monotonic: HW goes back within one epoch, allowed across epochs', (t) => {
  const before = state([partition()]);
  t.truthy(highWatermarkMonotonic.check(state([partition({ highWatermark: 1 })]), before, config));
  t.is(
    highWatermarkMonotonic.check(state([partition({ highWatermark: 1, leaderEpoch: 2 })]), before, config),
    undefined,
  );
});

test('RP-12 RP-13 leader-in-isr: leader outside the ISR, and a silent unclean election', (t) => {
  t.truthy(leaderInIsr.check(state([partition({ isr: [1] })]), undefined, config));
  const before = state([partition({ isr: [0] })]);
  const after = state([partition({ leader: 1, leaderEpoch: 2, isr: [1] })]);
  t.regex(leaderInIsr.check(after, before, config) ?? '', /not in the ISR/);
  t.is(
    leaderInIsr.check(after, before, resolveConfig({ 'unclean.leader.election.enable': true })),
    undefined,
  );
});

test('GC-36 one-owner-per-partition: two members of a Stable group own one partition', (t) => {
  const ok = state(
    [],
    [
      group(1, [
        ['c0', [0]],
        ['c1', [1]],
      ]),
    ],
  );
  t.is(oneOwnerPerPartition.check(ok, undefined, config), undefined);
  const twice = state(
    [],
    [
      group(1, [
        ['c0', [0]],
        ['c1', [0, 1]],
      ]),
    ],
  );
  t.regex(oneOwnerPerPartition.check(twice, undefined, config) ?? '', /t-0 owned by c0 and c1/);
});

test('GC-19 generation-monotonic: generation going back, and a member dropped from a Stable group without a rebalance', (t) => {
  const before = state(
    [],
    [
      group(3, [
        ['c0', [0]],
        ['c1', [1]],
      ]),
    ],
  );
  t.truthy(
    generationMonotonic.check(
      state(
        [],
        [
          group(2, [
            ['c0', [0]],
            ['c1', [1]],
          ]),
        ],
      ),
      before,
      config,
    ),
  );
  t.regex(
    generationMonotonic.check(state([], [group(3, [['c0', [0]]])]), before, config) ?? '',
    /without a rebalance/,
  );
  t.is(
    generationMonotonic.check(state([], [group(3, [['c0', [0]]], 'PreparingRebalance')]), before, config),
    undefined,
  );
});

test('GC-19 generation-monotonic: a coordinator failover (a broker changing liveness) is excused', (t) => {
  const before = state([], [group(3, [['c0', [0]]])]);
  const after = {
    ...state([], [group(1, [['c0', [0]]])]),
    brokers: [
      { id: 0, alive: false },
      { id: 1, alive: true },
    ],
  };
  t.is(generationMonotonic.check(after, before, config), undefined);
});

test('GC-19 generation-monotonic: a coordinator move with every broker alive (a network partition) is excused', (t) => {
  // The run deep-groups reached once the group's coordinator could be cut off: generation 7 was
  // never written (no sync completed), the next coordinator reloaded generation 6.
  const on = (coordinator: number, generation: number) =>
    state([], [{ ...group(generation, [['c0', [0]]]), coordinator }]);
  t.is(generationMonotonic.check(on(0, 6), on(2, 7), config), undefined);
  // on the same coordinator it is still a violation
  t.truthy(generationMonotonic.check(on(2, 6), on(2, 7), config));
});
