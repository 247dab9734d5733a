// The consumer applications' rebalance dance, as one command: each listed consumer joins (a new one
// first learns its member id from MEMBER_ID_REQUIRED), time passes to the rebalance timeout if some
// member never re-joins (in small steps), then the leader syncs (computing the plan) and the followers sync.
import { intSetting } from '../../spec/config.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { clientName, GROUP, joinEvent, joinFields, RunCommand } from './command.ts';

export class RebalanceCommand extends RunCommand {
  readonly sends = ['join', 'sync', 'advance-time'] as const;
  constructor(readonly clients: readonly number[]) {
    super();
  }
  enabled(): boolean {
    return this.clients.length > 0;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const names = [...new Set(this.clients.map(clientName))];
    const join = (client: string, member: 'own' | 'none') => run.step(joinEvent(k, client, member));
    for (const client of names)
      if ((k.clients.get(client)?.memberId ?? '') === '') await join(client, 'none');
    const ready = names.filter((client) => (k.clients.get(client)?.memberId ?? '') !== '');
    for (const client of ready) if (!k.clients.get(client)?.joinPending) await join(client, 'own');
    // A member answered before a later one joined must join again for the group to settle; bounded.
    for (let pass = 0; pass < ready.length; pass++) {
      const known = ready.map((client) => k.clients.get(client)!);
      const newest = Math.max(...known.map((c) => c.generation));
      const behind = known.filter(
        (c) => !c.joinPending && (c.generation < newest || known.some((o) => o.joinPending)),
      );
      if (behind.length === 0) break;
      for (const c of behind) await join(c.name, 'own');
    }
    // Parked joins complete when a timer fires: first a zero-length initial delay, then the initial
    // rebalance delay, at worst the rebalance timeout. Small steps first, so sessions and the ISR do
    // not expire on the way.
    // The join phase waits for the longest rebalance timeout of the members (swarm runs give each its own).
    const rebalanceTimeout = Math.max(
      ...names.map((client) => joinFields(k, client, [TOPIC]).rebalanceTimeoutMs),
    );
    const waits = [1, intSetting(k.config, 'group.initial.rebalance.delay.ms'), rebalanceTimeout];
    for (const ms of waits) {
      if (!names.some((client) => k.clients.get(client)?.joinPending)) break;
      if (ms > 0) await run.step({ type: 'advance-time', ms });
    }
    const joined = names
      .map((client) => k.clients.get(client))
      .filter((c) => c && !c.joinPending && c.generation >= 0);
    const ordered = [...joined.filter((c) => c!.isLeader), ...joined.filter((c) => !c!.isLeader)];
    for (const c of ordered)
      await run.step({
        type: 'sync',
        client: c!.name,
        group: GROUP,
        generation: c!.generation,
        member: 'own',
      });
  }
  toString(): string {
    return `rebalance(${this.clients.map((c) => `c${c}`).join(' ')})`;
  }
}
