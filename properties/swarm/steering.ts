// Steering: between the property runs of one suite, generation leans towards the outcomes not
// reached yet (properties/outcomes). A command kind whose answers still have unreached outcomes is
// drawn more often (up to 4x its suite weight), and a swarm knob that makes an unreached error
// likelier (a small group.max.size for GROUP_MAX_SIZE_REACHED, ...) is turned up. Only the runs'
// own outcomes move it, in run order, so a seed still gives the same runs; a failure prints the
// steering of its run (`--steer`), and a replay fixes it.
import { answerTypeOf } from '../../model/explore/outcomes.ts';
import type { ArbitraryName } from '../commands/arbitraries.ts';
import { REACHABLE_OUTCOMES } from '../outcomes/catalog.ts';

/** The answer types each command kind can produce. */
const ANSWERS_OF: Readonly<Record<ArbitraryName, readonly string[]>> = {
  join: ['join-response'],
  rebalance: ['join-response', 'sync-response'],
  sync: ['sync-response'],
  heartbeat: ['heartbeat-response'],
  advanceTime: ['heartbeat-response', 'join-response', 'produce-response'],
  expireOffsets: ['heartbeat-response', 'join-response', 'produce-response'],
  leave: ['leave-response'],
  commit: ['commit-response'],
  commitThroughSession: ['commit-response', 'heartbeat-response', 'join-response'],
  consumerCommit: ['commit-response'],
  consume: ['poll-result', 'commit-response'],
  offsetFetch: ['offset-fetch-response'],
  describeGroup: ['describe-response'],
  deleteGroups: ['delete-groups-response'],
  offsetDelete: ['offset-delete-response'],
  consumerCrash: [],
  process: [],
  produce: ['produce-response'],
  retrySend: ['produce-response'],
  replicate: ['produce-response'],
  fetch: ['fetch-response'],
  listOffsets: ['list-offsets-response'],
  followerFetch: ['produce-response'],
  flushedThenPowerLoss: ['produce-response'],
  writeThenShutDownLeader: ['produce-response'],
  brokerFailure: ['produce-response'],
  coordinatorFailure: ['produce-response'],
  brokerRestart: [],
  flush: [],
  networkPartition: ['produce-response'],
  coordinatorPartition: ['join-response', 'sync-response', 'commit-response'],
  resignWhileParked: ['join-response', 'sync-response'],
  malformedProduce: ['produce-response'],
  damagedProduce: ['produce-response'],
  timedProduce: ['produce-response', 'list-offsets-response'],
  networkHeal: [],
  partitionChange: [],
  createTopic: [],
  describeConfigs: ['describe-configs-response'],
  probe: [
    'join-response',
    'sync-response',
    'heartbeat-response',
    'leave-response',
    'commit-response',
    'offset-fetch-response',
    'describe-response',
  ],
};

/** Swarm knobs, each named by the error it makes likelier. */
export const KNOBS = {
  'group-max-size': 'GROUP_MAX_SIZE_REACHED',
  metadata: 'OFFSET_METADATA_TOO_LARGE',
  'session-timeout': 'INVALID_SESSION_TIMEOUT',
  protocols: 'INCONSISTENT_GROUP_PROTOCOL',
} as const;
export type Knob = keyof typeof KNOBS;

const MAX_FACTOR = 4;

export class Steering {
  readonly #base: Readonly<Partial<Record<ArbitraryName, number>>>;
  #weights: Map<ArbitraryName, number>;
  #knobs = new Set<Knob>();
  #unreached: readonly string[];
  readonly #fixed: boolean;

  /** `fixed`: a printed steering (`encode()`), for a replay; it then never changes. */
  constructor(
    base: Readonly<Partial<Record<ArbitraryName, number>>>,
    fixed?: string,
    readonly catalog: readonly string[] = REACHABLE_OUTCOMES,
  ) {
    this.#base = base;
    this.#weights = new Map(Object.entries(base) as [ArbitraryName, number][]);
    this.#unreached = catalog;
    this.#fixed = fixed !== undefined;
    if (fixed !== undefined) this.#decode(fixed);
  }

  weight(kind: ArbitraryName): number {
    return this.#weights.get(kind) ?? 0;
  }

  boost(knob: Knob): boolean {
    return this.#knobs.has(knob);
  }

  /** The kind a roll picks, in proportion to the current weights (kinds in the suite's order). */
  pick(roll: number): ArbitraryName {
    const kinds = [...this.#weights.keys()];
    const total = kinds.reduce((sum, kind) => sum + this.weight(kind), 0);
    let at = roll % total;
    for (const kind of kinds) {
      at -= this.weight(kind);
      if (at < 0) return kind;
    }
    return kinds.at(-1)!;
  }

  /** The catalog's outcomes not reached by the earlier runs (probes aim at them first). */
  get unreached(): readonly string[] {
    return this.#unreached;
  }

  /** Re-weights from the outcomes reached so far (a replay's steering stays as printed). */
  update(reached: ReadonlySet<string>): void {
    if (this.#fixed) return;
    const unreached = this.catalog.filter((outcome) => !reached.has(outcome));
    this.#unreached = unreached;
    const unreachedOf = (answer: string) => unreached.filter((o) => answerTypeOf(o) === answer).length;
    for (const [kind, base] of Object.entries(this.#base) as [ArbitraryName, number][]) {
      const open = ANSWERS_OF[kind].reduce((sum, answer) => sum + unreachedOf(answer), 0);
      this.#weights.set(kind, base * (1 + Math.min(MAX_FACTOR - 1, open)));
    }
    this.#knobs = new Set(
      (Object.entries(KNOBS) as [Knob, string][])
        .filter(([, error]) => unreached.some((outcome) => outcome.includes(` ${error} `)))
        .map(([knob]) => knob),
    );
  }

  /** `kind=weight,...;knob,...;unreached`: what `--steer` takes (unreached: a hex bit set over the catalog). */
  encode(): string {
    const weights = [...this.#weights].map(([kind, weight]) => `${kind}=${weight}`).join(',');
    const open = new Set(this.#unreached);
    let bits = 0n;
    this.catalog.forEach((outcome, index) => {
      if (open.has(outcome)) bits |= 1n << BigInt(index);
    });
    return `${weights};${[...this.#knobs].join(',')};${bits.toString(16)}`;
  }

  #decode(text: string): void {
    const [weights = '', knobs = '', unreached] = text.split(';');
    if (unreached !== undefined) {
      if (!/^[0-9a-f]+$/.test(unreached)) throw new Error(`--steer: '${unreached}' is not a hex bit set`);
      const bits = BigInt(`0x${unreached}`);
      this.#unreached = this.catalog.filter((_, index) => (bits >> BigInt(index)) & 1n);
    }
    for (const pair of weights.split(',').filter((p) => p !== '')) {
      const [kind, weight] = pair.split('=');
      if (!(kind! in this.#base) || !/^\d+$/.test(weight ?? ''))
        throw new Error(`--steer: '${pair}' is not kind=weight for a command of this suite`);
      this.#weights.set(kind as ArbitraryName, Number(weight));
    }
    for (const knob of knobs.split(',').filter((k) => k !== '')) {
      if (!(knob in KNOBS)) throw new Error(`--steer: unknown knob '${knob}'`);
      this.#knobs.add(knob as Knob);
    }
  }
}
