// The group's coordinator resigns with requests parked on it (GC-32), drawn as one command so the
// park and the move meet: one member rejoins (its JoinGroup waits for the others, PreparingRebalance)
// or every member rejoins and a follower syncs (its SyncGroup waits for the leader's plan,
// CompletingRebalance), then the coordinator shuts down cleanly. A controlled shutdown moves the
// offsets partition first, so the coordinator unloads the group while it still runs and answers
// what is parked NOT_COORDINATOR, as Kafka 4.4 did on a real cluster (docs/kafka-4.4-report.md,
// finding 10). Drawn apart, a parked request and the coordinator's clean shutdown almost never meet:
// a coordinator that forgot to answer passed 350 runs of deep-groups.
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { GROUP, joinEvent, RunCommand } from './command.ts';

export type ParkedRequest = 'join' | 'sync';

export class ResignWhileParkedCommand extends RunCommand {
  readonly sends = ['join', 'sync', 'broker-failure'] as const;
  constructor(readonly parked: ParkedRequest) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    if (k.dataLossUnfenced()) return false; // RP-20: it would stay the sole ISR member (RP-25)
    return coordinatorUp(k) !== undefined && members(k).length >= 2;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const group = members(k);
    for (const client of this.parked === 'join' ? group.slice(0, 1) : group)
      await run.step(joinEvent(k, client, 'own'));
    if (this.parked === 'sync') {
      // The last rejoin completed the join phase: a follower's SyncGroup waits for the leader.
      const follower = group.find((client) => {
        const c = k.clients.get(client);
        return c && !c.joinPending && !c.isLeader && c.generation >= 0;
      });
      if (follower)
        await run.step({
          type: 'sync',
          client: follower,
          group: GROUP,
          generation: k.clients.get(follower)!.generation,
          member: 'own',
        });
    }
    const coordinator = coordinatorUp(k);
    if (coordinator !== undefined)
      await run.step({ type: 'broker-failure', broker: coordinator, kind: 'clean-shutdown' });
  }
  toString(): string {
    return `resign-while-parked(${this.parked})`;
  }
}

/** The group's coordinator as the last snapshot names it, when it runs. */
function coordinatorUp(k: Readonly<RunKnowledge>): number | undefined {
  const coordinator = k.groupCoordinator();
  return coordinator !== undefined && k.brokers[coordinator] === 'up' ? coordinator : undefined;
}

/** Clients that are members now (an id, a generation) with nothing parked. */
function members(k: Readonly<RunKnowledge>): string[] {
  return [...k.clients.entries()]
    .filter(([, c]) => c.memberId !== '' && c.generation >= 0 && !c.joinPending && !c.syncPending)
    .map(([client]) => client);
}
