// A probe: one request aimed at an outcome of the rule book in the group's current state. The
// probe reads the group's state from the last snapshot, takes the reachable outcomes of that state
// (properties/outcomes/catalog.ts), lets its roll pick one, and sends the request most likely to
// produce it (a bogus member id for UNKNOWN_MEMBER_ID, a future generation for ILLEGAL_GENERATION,
// a protocol no member offers for INCONSISTENT_GROUP_PROTOCOL, ...). With `stall`, it first moves the
// group that many phases along its cycle (forms it, starts a rebalance, completes the join phase),
// so requests also meet the short-lived states. What it sends depends only on the run's own state, so a
// seed and path replay it; which outcome a run actually gets is for the model and system to say.
import type { MemberRef } from '../../spec/common.ts';
import type { Event } from '../../spec/events.ts';
import type { GroupState } from '../../spec/observations.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { REACHABLE_OUTCOMES } from '../outcomes/catalog.ts';
import { STRATEGIES } from '../swarm/swarm-config.ts';
import {
  clientName,
  type GenerationChoice,
  GROUP,
  generationFor,
  joinEvent,
  joinFields,
  RunCommand,
} from './command.ts';
import { metadataFor } from './commit.ts';
import { RebalanceCommand } from './rebalance.ts';

const CLIENTS = 3;

export class ProbeCommand extends RunCommand {
  readonly sends = [
    'join',
    'sync',
    'heartbeat',
    'leave',
    'commit',
    'offset-fetch',
    'describe-group',
  ] as const;
  constructor(
    readonly roll: number,
    /** Phases to move the group along its cycle first (#stall), 0 for none. */
    readonly stall: number,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return k.deliberatelyInvalid && k.lastState !== undefined;
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    for (let phase = 0; phase < this.stall; phase++) await this.#stall(k, run);
    // A state whose outcomes are all reached moves on (at most once round the cycle) to one that has some open.
    for (let phase = 0; phase < 3 && this.#open(k, run).length === 0; phase++) await this.#stall(k, run);
    const open = this.#open(k, run);
    const pool = open.length > 0 ? open : this.#targets(k);
    const [answer, error] = (pool[this.roll % Math.max(1, pool.length)] ?? 'describe-response NONE').split(
      ' ',
    ) as [string, string];
    // A pending member (one that got MEMBER_ID_REQUIRED) is what an Empty group can let leave.
    if (answer === 'leave-response' && error === 'NONE' && memberClients(k).length === 0) {
      const joining = this.#request(k, 'join-response', 'MEMBER_ID_REQUIRED');
      await run.step(joining);
      if (joining.type === 'join') {
        await run.step({ type: 'leave', client: joining.client, group: GROUP, member: 'own' });
        return;
      }
    }
    // A parked SyncGroup is answered REBALANCE_IN_PROGRESS when another member leaves (GC-16).
    if (
      answer === 'sync-response' &&
      error === 'REBALANCE_IN_PROGRESS' &&
      groupState(k) === 'CompletingRebalance'
    ) {
      const ready = memberClients(k).filter((c) => {
        const client = k.clients.get(c);
        return client !== undefined && client.memberId !== '' && !client.joinPending && !client.syncPending;
      });
      const follower = ready.find((c) => !k.clients.get(c)!.isLeader);
      const leaving = ready.find((c) => c !== follower);
      if (follower && leaving) {
        const generation = k.clients.get(follower)!.generation;
        await run.step({ type: 'sync', client: follower, group: GROUP, generation, member: 'own' });
        await run.step({ type: 'leave', client: leaving, group: GROUP, member: 'own' });
        return;
      }
    }
    await run.step(this.#request(k, answer, error));
  }

  /** The catalog's outcomes in the group's current state. */
  #targets(k: Readonly<RunKnowledge>): string[] {
    const state = groupState(k);
    return REACHABLE_OUTCOMES.filter((outcome) => outcome.endsWith(` in ${state}`));
  }

  /** Those the suite's earlier runs have not reached, nor this run so far. */
  #open(k: Readonly<RunKnowledge>, run: LockstepRun): string[] {
    return this.#targets(k).filter((o) => (k.unreached?.has(o) ?? true) && !run.outcomes.reached.has(o));
  }

  /**
   * One phase along the group's cycle: Empty (or no group): c0 and c1 rebalance into a Stable
   * group; Stable: the leader re-joins (a rebalance starts); PreparingRebalance: the members that
   * have not re-joined do, and a millisecond passes, so the join phase completes (CompletingRebalance).
   */
  async #stall(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const state = groupState(k);
    const join = (client: string) => run.step(joinEvent(k, client, 'own'));
    const ready = (name: string) => {
      const c = k.clients.get(name);
      return c !== undefined && c.memberId !== '' && !c.joinPending && !c.syncPending;
    };
    if (state === 'Empty' || state === 'Dead') await new RebalanceCommand([0, 1]).run(k, run);
    else if (state === 'Stable') {
      const leader = [...k.clients.values()].find((c) => c.isLeader && ready(c.name));
      if (leader) await join(leader.name);
    } else if (state === 'PreparingRebalance') {
      for (const client of memberClients(k)) if (ready(client)) await join(client);
      if (groupState(k) === 'PreparingRebalance') await run.step({ type: 'advance-time', ms: 1 });
    }
  }

  #request(k: RunKnowledge, answer: string, error: string): Event {
    const members = memberClients(k);
    const all = Array.from({ length: CLIENTS }, (_, i) => clientName((i + this.roll) % CLIENTS));
    const free = (client: string) =>
      !k.clients.get(client)?.joinPending && !k.clients.get(client)?.syncPending;
    // A member not waiting for an answer (in a rebalance, those that re-joined are), else any member.
    const member = all.find((c) => members.includes(c) && free(c)) ?? all.find((c) => members.includes(c));
    // A client outside the group, else any that is not waiting for an answer (members re-joining are).
    const outsider = all.find((c) => !members.includes(c) && free(c)) ?? all.find(free);
    const any = member ?? outsider ?? clientName(this.roll % CLIENTS);
    const describe: Event = { type: 'describe-group', group: GROUP };
    const join = (
      client: string,
      ref: MemberRef,
      extra: Partial<Extract<Event, { type: 'join' }>> = {},
    ): Event => (free(client) ? { ...joinEvent(k, client, ref), ...extra } : describe);
    const generationChoice: GenerationChoice = error === 'ILLEGAL_GENERATION' ? 'future' : 'current';
    const ref: MemberRef = error === 'UNKNOWN_MEMBER_ID' ? 'bogus' : 'own';
    const client = ref === 'bogus' ? any : (member ?? any);
    const generation = generationFor(k, client, generationChoice);
    switch (answer) {
      case 'join-response':
        if (error === 'MEMBER_ID_REQUIRED') return join(outsider ?? any, 'none');
        if (error === 'UNKNOWN_MEMBER_ID') return join(any, 'bogus');
        if (error === 'INVALID_SESSION_TIMEOUT') return join(any, 'none', { sessionTimeoutMs: 1 });
        if (error === 'INCONSISTENT_GROUP_PROTOCOL') {
          const offered = new Set(
            members.flatMap((c) => joinFields(k, c, [TOPIC]).protocols.map((p) => p.name)),
          );
          const unused = STRATEGIES.find((name) => !offered.has(name));
          return unused
            ? join(outsider ?? any, 'none', { protocols: [{ name: unused, topics: [TOPIC] }] })
            : describe;
        }
        if (error === 'GROUP_MAX_SIZE_REACHED' && outsider)
          return join(outsider, k.clients.get(outsider)?.memberId ? 'own' : 'none');
        return member ? join(member, 'own') : join(any, 'none');
      case 'sync-response':
        return free(client) ? { type: 'sync', client, group: GROUP, generation, member: ref } : describe;
      case 'heartbeat-response':
        return { type: 'heartbeat', client, group: GROUP, generation, member: ref };
      case 'leave-response':
        return free(client) ? { type: 'leave', client, group: GROUP, member: ref } : describe;
      case 'commit-response': {
        const standalone = member === undefined && ref === 'own';
        const metadata = error === 'OFFSET_METADATA_TOO_LARGE' ? metadataFor(k, 'over-limit') : undefined;
        return {
          type: 'commit',
          client,
          group: GROUP,
          generation: standalone ? -1 : generation,
          member: standalone ? 'none' : ref,
          offsets: [
            {
              topic: TOPIC,
              partition: 0,
              offset: this.roll % 7,
              ...(metadata === undefined ? {} : { metadata }),
            },
          ],
        };
      }
      case 'offset-fetch-response':
        return { type: 'offset-fetch', client: any, group: GROUP };
      default:
        return describe;
    }
  }

  toString(): string {
    return `probe(${this.roll}${this.stall > 0 ? `, ${this.stall} phases on` : ''})`;
  }
}

function groupState(k: Readonly<RunKnowledge>): GroupState {
  return k.lastState?.groups.find((g) => g.group === GROUP)?.state ?? 'Dead';
}

/** The clients the last snapshot lists as members of the group. */
function memberClients(k: Readonly<RunKnowledge>): string[] {
  return (k.lastState?.groups.find((g) => g.group === GROUP)?.members ?? []).map((m) => m.client);
}
