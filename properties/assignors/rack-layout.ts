// Racks for the random assignment problems (AS-11..AS-13): where the cluster's replicas sit and
// which client.rack each member sends. Every mix Kafka's assignors branch on comes up: no racks,
// member racks only, replica racks only, both (some members on racks without replicas, some with
// an empty rack id, some without a rack), racks that never match, replicas spread over every rack
// (racks then make no difference), brokers without broker.rack, and racks listed for only the
// first partitions of each topic.
import fc from 'fast-check';
import type { AssignorMember, ReplicaRacks } from '../../model/assignors/index.ts';

const MODES = ['none', 'members', 'replicas', 'both', 'mismatch', 'uniform'] as const;
type RackMode = (typeof MODES)[number];

/** Member rack codes below this name a rack r<code>; the next is the empty rack id; higher, no rack. */
const RACK_CODES = 5;

export const rackLayout = fc.record({
  mode: fc.oneof(
    { weight: 3, arbitrary: fc.constant<RackMode>('none') },
    { weight: 1, arbitrary: fc.constantFrom<RackMode>('members', 'replicas', 'mismatch', 'uniform') },
    { weight: 3, arbitrary: fc.constant<RackMode>('both') },
  ),
  /** How many racks the brokers sit on. */
  racks: fc.integer({ min: 1, max: 4 }),
  replication: fc.integer({ min: 1, max: 3 }),
  /**
   * Per partition slot: its first replica's rack (the next replicas go round the racks, as Kafka
   * spreads them); from 90 on, its last replica is on a broker without a rack.
   */
  placement: fc.array(fc.nat(99), { maxLength: 220 }),
  /** Racks are listed for partitions below this index only (a partial view); none: for all. */
  listedBelow: fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.nat(8) },
  ),
  /** Per member, in order: see RACK_CODES. */
  memberRacks: fc.array(fc.nat(RACK_CODES + 2), { minLength: 10, maxLength: 10 }),
});

export type RackLayout = typeof rackLayout extends fc.Arbitrary<infer T> ? T : never;

function memberRack(layout: RackLayout, index: number): string | undefined {
  const code = layout.memberRacks[index % layout.memberRacks.length]!;
  if (code > RACK_CODES) return undefined;
  if (code === RACK_CODES) return '';
  return layout.mode === 'mismatch' ? `elsewhere-${code}` : `r${code}`;
}

/** The members with the racks the layout gives them. */
export function withMemberRacks(layout: RackLayout, members: AssignorMember[]): AssignorMember[] {
  if (layout.mode === 'none' || layout.mode === 'replicas') return members;
  return members.map((member, index) => {
    const rack = memberRack(layout, index);
    return rack === undefined ? member : { ...member, rack };
  });
}

function replicasOf(layout: RackLayout, slot: number): ReplicaRacks {
  const racks = Array.from({ length: layout.racks }, (_, rack) => `r${rack}`);
  if (layout.mode === 'uniform') return racks;
  const placement = layout.placement[slot] ?? slot;
  const replicas: (string | null)[] = Array.from(
    { length: layout.replication },
    (_, replica) => racks[(placement + replica) % racks.length]!,
  );
  if (placement >= 90) replicas[replicas.length - 1] = null;
  return replicas;
}

/** The replica racks of the cluster's topics (`topics` in problem order), or none for a rack-less cluster. */
export function partitionRacksOf(
  layout: RackLayout,
  topics: readonly { readonly name: string; readonly count: number }[],
): Record<string, ReplicaRacks[]> | undefined {
  if (layout.mode === 'none' || layout.mode === 'members') return undefined;
  const racks: Record<string, ReplicaRacks[]> = {};
  let slot = 0;
  for (const { name, count } of topics) {
    const listed = layout.mode === 'uniform' ? count : Math.min(count, layout.listedBelow ?? count);
    racks[name] = Array.from({ length: listed }, () => replicasOf(layout, slot++));
  }
  return racks;
}
