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
  advanceTime: ['heartbeat-response', 'join-response'],
  leave: ['leave-response'],
  commit: ['commit-response'],
  consumerCommit: ['commit-response'],
  consume: ['poll-result', 'commit-response'],
  offsetFetch: ['offset-fetch-response'],
  describeGroup: ['describe-response'],
  consumerCrash: [],
  process: [],
  produce: ['produce-response'],
  retrySend: ['produce-response'],
  replicate: ['produce-response'],
  fetch: ['fetch-response'],
  brokerFailure: ['produce-response'],
  brokerRestart: [],
  flush: [],
  networkPartition: ['produce-response'],
  networkHeal: [],
  partitionChange: [],
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
  readonly #fixed: boolean;

  /** `fixed`: a printed steering (`encode()`), for a replay; it then never changes. */
  constructor(
    base: Readonly<Partial<Record<ArbitraryName, number>>>,
    fixed?: string,
    readonly catalog: readonly string[] = REACHABLE_OUTCOMES,
  ) {
    this.#base = base;
    this.#weights = new Map(Object.entries(base) as [ArbitraryName, number][]);
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

  /** Re-weights from the outcomes reached so far (a replay's steering stays as printed). */
  update(reached: ReadonlySet<string>): void {
    if (this.#fixed) return;
    const unreached = this.catalog.filter((outcome) => !reached.has(outcome));
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

  /** `kind=weight,...;knob,...`: what `--steer` takes. */
  encode(): string {
    const weights = [...this.#weights].map(([kind, weight]) => `${kind}=${weight}`).join(',');
    return `${weights};${[...this.#knobs].join(',')}`;
  }

  #decode(text: string): void {
    const [weights = '', knobs = ''] = text.split(';');
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
