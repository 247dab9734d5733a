// Coverage of the model's XState machines by an exploration: which state nodes were visited and
// which transitions (source node, event type, target node) were taken, against the universe the
// machine definitions declare (read with @xstate/graph's toDirectedGraph).
import { toDirectedGraph } from '@xstate/graph';
import type { AnyStateMachine } from 'xstate';

export interface CoverageUniverse {
  readonly states: readonly string[];
  readonly transitions: readonly string[];
}

export interface CoverageFigure {
  readonly visited: number;
  readonly total: number;
  /** Declared but never reached (empty when complete). */
  readonly missing: readonly string[];
}

export interface MachineCoverage {
  readonly states: CoverageFigure;
  readonly transitions: CoverageFigure;
}

export interface CoverageReport extends MachineCoverage {
  /** The same figures per machine (keyed by machine id, the part of a state name before the first dot). */
  readonly machines: Readonly<Record<string, MachineCoverage>>;
}

interface GraphNode {
  readonly id: string;
  readonly children: readonly GraphNode[];
  readonly edges: readonly {
    readonly source: { id: string };
    readonly target: { id: string };
    readonly label: { text: string };
  }[];
}

/**
 * The atomic states and transitions the machines declare; a transition is `source --EVENT--> target`
 * between atomic states. A transition declared on a parent state is counted once per atomic state
 * below it (that is where a running machine takes it); a targetless one stays in that state.
 */
export function coverageUniverse(machines: readonly AnyStateMachine[]): CoverageUniverse {
  const states: string[] = [];
  const transitions = new Set<string>();
  const leavesOf = (node: GraphNode): string[] =>
    node.children.length === 0 ? [node.id] : node.children.flatMap(leavesOf);
  const walk = (node: GraphNode) => {
    if (node.children.length === 0) states.push(node.id);
    for (const edge of node.edges) {
      const targetless = edge.target.id === edge.source.id;
      for (const leaf of leavesOf(node))
        transitions.add(transitionName(leaf, edge.label.text, targetless ? leaf : edge.target.id));
    }
    for (const child of node.children) walk(child);
  };
  for (const machine of machines) walk(toDirectedGraph(machine) as unknown as GraphNode);
  return { states, transitions: [...transitions].sort() };
}

export function transitionName(source: string, eventType: string, target: string): string {
  return `${source} --${eventType}--> ${target}`;
}

// An event's type; a composed model's wrapper ({ part, event }) is looked through.
function eventTypeOf(event: unknown): string {
  if (typeof event === 'object' && event !== null) {
    if (typeof (event as { type?: unknown }).type === 'string') return (event as { type: string }).type;
    if ('event' in event) return eventTypeOf((event as { event: unknown }).event);
  }
  return String(event);
}

// The machine a state name belongs to: the id before the first dot ('replication.online'). Asked
// for every transition the explorer takes, of a few dozen names: cut once each.
const machines = new Map<string, string>();
const machineOf = (name: string): string => {
  let machine = machines.get(name);
  if (machine === undefined) {
    const dot = name.indexOf('.');
    machine = dot < 0 ? '' : name.slice(0, dot);
    machines.set(name, machine);
  }
  return machine;
};

/** What a tracker has visited, as plain data: to copy it, or to send it from a shard of a sharded search. */
export interface CoverageSnapshot {
  readonly states: readonly string[];
  /** [source, event type, target] */
  readonly transitions: readonly (readonly [string, string, string])[];
}

export class CoverageTracker {
  private readonly states = new Set<string>();
  // source -> event type -> targets: no string is built per transition taken.
  private readonly transitions = new Map<string, Map<string, Set<string>>>();
  constructor(private readonly universe?: CoverageUniverse) {}

  visitState(names: readonly string[] | undefined): void {
    if (names) for (const name of names) this.states.add(name);
  }

  /**
   * Names before and after are paired by machine (the id before the first dot) and, within one
   * machine, by position, so composed models whose parts report different numbers of names pair up.
   */
  visitTransition(
    from: readonly string[] | undefined,
    event: unknown,
    to: readonly string[] | undefined,
  ): void {
    if (!from || !to) return;
    const type = eventTypeOf(event);
    const aligned =
      from === to ||
      (from.length === to.length && from.every((name, index) => machineOf(name) === machineOf(to[index]!)));
    for (let index = 0; index < from.length; index++) {
      const source = from[index]!;
      const target = aligned ? to[index]! : this.pair(from, index, to);
      if (target !== undefined) this.add(source, type, target);
    }
  }

  snapshot(): CoverageSnapshot {
    const transitions: [string, string, string][] = [];
    for (const [source, byType] of this.transitions)
      for (const [type, targets] of byType)
        for (const target of targets) transitions.push([source, type, target]);
    return { states: [...this.states], transitions };
  }

  /** Forgets everything, then visits what the snapshot holds. */
  restore(snapshot: CoverageSnapshot): void {
    this.states.clear();
    this.transitions.clear();
    this.absorb(snapshot);
  }

  /** Adds what another tracker visited (visits are a set union, so the order does not matter). */
  absorb(snapshot: CoverageSnapshot): void {
    for (const name of snapshot.states) this.states.add(name);
    for (const [source, type, target] of snapshot.transitions) this.add(source, type, target);
  }

  private add(source: string, type: string, target: string): void {
    let byType = this.transitions.get(source);
    if (!byType) {
      byType = new Map();
      this.transitions.set(source, byType);
    }
    let targets = byType.get(type);
    if (!targets) {
      targets = new Set();
      byType.set(type, targets);
    }
    targets.add(target);
  }

  private pair(from: readonly string[], index: number, to: readonly string[]): string | undefined {
    const machine = machineOf(from[index]!);
    let rank = 0;
    for (let before = 0; before < index; before++) if (machineOf(from[before]!) === machine) rank++;
    for (const name of to) if (machineOf(name) === machine && rank-- === 0) return name;
    return undefined;
  }

  report(): CoverageReport {
    const figure = (visited: Set<string>, declared: readonly string[] | undefined): CoverageFigure => {
      if (!declared) return { visited: visited.size, total: visited.size, missing: [] };
      const missing = declared.filter((name) => !visited.has(name));
      return { visited: declared.length - missing.length, total: declared.length, missing };
    };
    const taken = new Set<string>();
    for (const [source, byType] of this.transitions)
      for (const [type, targets] of byType)
        for (const target of targets) taken.add(transitionName(source, type, target));
    const machines: Record<string, MachineCoverage> = {};
    const ids = new Set([...this.states, ...(this.universe?.states ?? [])].map(machineOf));
    for (const id of ids) {
      const mine = (names: Iterable<string>) => new Set([...names].filter((name) => machineOf(name) === id));
      const declared = (names: readonly string[] | undefined) => (names ? [...mine(names)] : undefined);
      machines[id || '(unnamed)'] = {
        states: figure(mine(this.states), declared(this.universe?.states)),
        transitions: figure(mine(taken), declared(this.universe?.transitions)),
      };
    }
    return {
      states: figure(this.states, this.universe?.states),
      transitions: figure(taken, this.universe?.transitions),
      machines,
    };
  }
}
