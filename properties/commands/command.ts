// The base of every fast-check command: what fast-check calls the model is what the run knows
// (RunKnowledge), its real system is the lockstep run. `check` decides from knowledge alone whether the command is
// meaningful now; `toString` is the short line a shrunk counterexample shows.
import type fc from 'fast-check';
import type { MemberRef } from '../../spec/common.ts';
import type { Event } from '../../spec/events.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { rebalanceTimeoutMs, sessionTimeoutMs } from '../swarm/swarm-config.ts';

export const GROUP = 'g';
export const clientName = (index: number): string => `c${index}`;
export const producerName = (index: number): string => `p${index}`;

export abstract class RunCommand implements fc.AsyncCommand<RunKnowledge, LockstepRun> {
  /** The event types this command may send; it is skipped when the system supports none of them. */
  abstract readonly sends: readonly Event['type'][];
  abstract enabled(knowledge: Readonly<RunKnowledge>): boolean;
  abstract run(knowledge: RunKnowledge, run: LockstepRun): Promise<void>;
  abstract toString(): string;

  /** The arbitrary it came from (swarm runs tag it, so a run's swarm can leave the kind out). */
  arbitraryName: string | undefined;

  ofKind(name: string): this {
    this.arbitraryName = name;
    return this;
  }

  check(knowledge: Readonly<RunKnowledge>): boolean {
    const name = this.arbitraryName;
    if (name !== undefined && knowledge.swarm?.omit.some((omitted) => omitted === name)) return false;
    return this.sends.every((type) => knowledge.supported.has(type)) && this.enabled(knowledge);
  }
}

/** A consumer's JoinGroup to the run's group for the run's topic, with its fields (joinFields). */
export function joinEvent(
  knowledge: Readonly<RunKnowledge>,
  client: string,
  member: MemberRef,
): Extract<Event, { type: 'join' }> {
  return {
    type: 'join',
    client,
    group: GROUP,
    member,
    ...joinFields(knowledge, client, [TOPIC]),
  };
}

/** What a consumer's JoinGroup carries: its swarm settings, else the configured ones (GC-37). */
export function joinFields(
  knowledge: Readonly<RunKnowledge>,
  client: string,
  topics: readonly string[],
): {
  protocols: { name: string; topics: string[] }[];
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  version: number;
} {
  const member = knowledge.swarm?.members[Number(client.slice(1))];
  const config = knowledge.config;
  return {
    protocols: member?.protocols
      ? member.protocols.map((name) => ({ name, topics: [...topics] }))
      : protocolsFor(knowledge, topics),
    sessionTimeoutMs: sessionTimeoutMs(config, member?.session ?? 'config'),
    rebalanceTimeoutMs: rebalanceTimeoutMs(config, member?.rebalance ?? 'config'),
    // v5 (static members, MEMBER_ID_REQUIRED), or v9 (KIP-814: a replaced static leader learns the members).
    version: member?.joinVersion ?? 5,
  };
}

/** Which generation a request carries: the client's current one, an earlier one, none (-1), or one never issued. */
export type GenerationChoice = 'current' | 'stale' | 'missing' | 'future';

export function generationFor(knowledge: RunKnowledge, client: string, choice: GenerationChoice): number {
  const c = knowledge.clients.get(client);
  const current = c?.generation ?? -1;
  switch (choice) {
    case 'current':
      return current;
    case 'stale':
      return c?.previousGenerations.at(-1) ?? Math.max(0, current - 1);
    case 'missing':
      return -1;
    case 'future':
      return current + 7;
  }
}

export function protocolsFor(
  knowledge: Readonly<RunKnowledge>,
  topics: readonly string[],
): { name: string; topics: string[] }[] {
  const preferred = String(knowledge.config['partition.assignment.strategy'] ?? 'range');
  const others = ['range', 'roundrobin'].filter((name) => name !== preferred);
  return [preferred, ...others].map((name) => ({ name, topics: [...topics] }));
}
