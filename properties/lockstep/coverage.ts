// Coverage of the state machines a run exercised, read from the system's snapshots: the group
// coordinator's states and transitions, a partition's leadership (led / offline) and a broker's
// liveness. Reported as "states seen / states that exist" and the transitions seen.
import { GROUP_STATES } from '../../spec/observations.ts';
import type { SystemState } from '../../spec/state.ts';

export const MACHINES: Readonly<
  Record<string, { states: readonly string[]; transitions: readonly string[] }>
> = {
  group: {
    states: GROUP_STATES,
    transitions: [
      'Empty->PreparingRebalance',
      'PreparingRebalance->CompletingRebalance',
      'PreparingRebalance->Empty',
      'CompletingRebalance->Stable',
      'CompletingRebalance->PreparingRebalance',
      'Stable->PreparingRebalance',
    ],
  },
  partition: {
    states: ['led', 'offline'],
    transitions: ['led->offline', 'offline->led', 'led->led(new epoch)'],
  },
  broker: { states: ['alive', 'dead'], transitions: ['alive->dead', 'dead->alive'] },
};

export class Coverage {
  readonly states = new Map<string, Set<string>>();
  readonly transitions = new Map<string, Set<string>>();

  #add(map: Map<string, Set<string>>, machine: string, item: string): void {
    const set = map.get(machine) ?? new Set<string>();
    set.add(item);
    map.set(machine, set);
  }

  observe(current: SystemState, previous: SystemState | undefined): void {
    for (const g of current.groups) {
      this.#add(this.states, 'group', g.state);
      const before = previous?.groups.find((x) => x.group === g.group);
      if (before && before.state !== g.state)
        this.#add(this.transitions, 'group', `${before.state}->${g.state}`);
    }
    for (const p of current.partitions) {
      const state = p.leader === null ? 'offline' : 'led';
      this.#add(this.states, 'partition', state);
      const before = previous?.partitions.find((x) => x.topic === p.topic && x.partition === p.partition);
      if (!before) continue;
      const was = before.leader === null ? 'offline' : 'led';
      if (was !== state) this.#add(this.transitions, 'partition', `${was}->${state}`);
      else if (state === 'led' && before.leaderEpoch !== p.leaderEpoch)
        this.#add(this.transitions, 'partition', 'led->led(new epoch)');
    }
    for (const b of current.brokers) {
      this.#add(this.states, 'broker', b.alive ? 'alive' : 'dead');
      const before = previous?.brokers.find((x) => x.id === b.id);
      if (before && before.alive !== b.alive)
        this.#add(this.transitions, 'broker', b.alive ? 'dead->alive' : 'alive->dead');
    }
  }

  merge(other: Coverage | CoverageJson): void {
    const json = other instanceof Coverage ? other.toJSON() : other;
    for (const [machine, entry] of Object.entries(json)) {
      for (const s of entry.states) this.#add(this.states, machine, s);
      for (const t of entry.transitions) this.#add(this.transitions, machine, t);
    }
  }

  toJSON(): CoverageJson {
    return Object.fromEntries(
      Object.keys(MACHINES).map((machine) => [
        machine,
        {
          states: [...(this.states.get(machine) ?? [])].sort(),
          transitions: [...(this.transitions.get(machine) ?? [])].sort(),
        },
      ]),
    );
  }
}

export type CoverageJson = Record<string, { states: string[]; transitions: string[] }>;
