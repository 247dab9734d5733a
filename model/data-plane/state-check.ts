// After the open choices are adopted, the rest of the system's snapshot is determined by the rule
// book: each partition's leader, epoch, ISR, HW and every replica's log end, last epoch and HW must
// be what the model computed. A difference is a rule broken by one side; it is reported with the
// rule that governs the field (the runner shows it as a lockstep-choice finding).
import type { EventType } from '../../spec/events.ts';
import type { Disallowed } from '../../spec/oracle.ts';
import type { PartitionSnapshot, SystemState } from '../../spec/state.ts';
import { partitionSnapshot } from './snapshot.ts';
import { allPartitions, partitionKey, type World } from './world.ts';

const FAULTS: readonly EventType[] = ['broker-failure', 'broker-restart'];

function ruleFor(
  field: string,
  event: EventType | undefined,
  mine: PartitionSnapshot,
  seen: PartitionSnapshot,
): string {
  if (field === 'leader' || field === 'leaderEpoch') return 'RP-12';
  if (field === 'isr') return seen.isr.length < mine.isr.length ? 'RP-6' : 'RP-7';
  if (field === 'highWatermark') return 'RP-2';
  return event !== undefined && FAULTS.includes(event) ? 'RP-16' : 'RP-14';
}

export function stateDifferences(
  world: World,
  event: EventType | undefined,
  observed: SystemState,
): Disallowed[] {
  const found: Disallowed[] = [];
  for (const p of allPartitions(world)) {
    const seen = observed.partitions.find((q) => q.topic === p.topic && q.partition === p.partition);
    if (!seen) continue;
    const mine = partitionSnapshot(world, p);
    const fields: [string, unknown, unknown][] = [
      ['leader', seen.leader, mine.leader],
      ['leaderEpoch', seen.leaderEpoch, mine.leaderEpoch],
      ['isr', seen.isr, mine.isr],
      ['highWatermark', seen.highWatermark, mine.highWatermark],
    ];
    for (const replica of mine.replicaStates) {
      const other = seen.replicaStates.find((r) => r.broker === replica.broker);
      fields.push([`replica ${replica.broker}`, other, replica]);
    }
    for (const [field, theirs, ours] of fields) {
      if (JSON.stringify(theirs) === JSON.stringify(ours)) continue;
      found.push({
        rule: ruleFor(field.startsWith('replica') ? 'replica' : field, event, mine, seen),
        message: `${partitionKey(p)} ${field}: the system has ${JSON.stringify(theirs)}, the rules give ${JSON.stringify(ours)}`,
      });
      break; // the first difference of a partition says enough
    }
  }
  return found;
}
