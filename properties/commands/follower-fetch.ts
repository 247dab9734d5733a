// One follower of one partition fetches alone, possibly at a chosen offset and last fetched epoch
// (RP-26), possibly with the leader's ISR expiration running before waiting produces are checked
// (RP-10's race, the one way to NOT_ENOUGH_REPLICAS_AFTER_APPEND). The chosen values are picked
// relative to the last snapshot (the follower's and the leader's log ends, the leader epoch), so
// they land on the cases the leader tells apart: behind, at the end, beyond it, an unknown epoch.
import type { Event } from '../../spec/events.ts';
import type { PartitionSnapshot } from '../../spec/state.ts';
import type { RunKnowledge } from '../lockstep/knowledge.ts';
import type { LockstepRun } from '../lockstep/run.ts';
import { TOPIC } from '../lockstep/run.ts';
import { RunCommand } from './command.ts';

/** The fetch offset: the follower's own (its LEO), or one chosen against the logs. */
export type OffsetChoice = 'own' | 'behind' | 'beyond' | 'zero';
/** The last fetched epoch: its own, none (-1), one the leader never had, or an older one. */
export type EpochChoice = 'own' | 'none' | 'unknown' | 'older';

function chosenOffset(choice: OffsetChoice, p: PartitionSnapshot, follower: number): number | undefined {
  const followerEnd = p.replicaStates.find((r) => r.broker === follower)?.logEndOffset ?? -1;
  const leaderEnd = p.replicaStates.find((r) => r.broker === p.leader)?.logEndOffset ?? -1;
  if (choice === 'own' || followerEnd < 0 || leaderEnd < 0) return undefined;
  switch (choice) {
    case 'behind':
      return Math.max(0, followerEnd - 1);
    case 'beyond':
      return Math.max(leaderEnd, followerEnd) + 1;
    case 'zero':
      return 0;
  }
}

function chosenEpoch(choice: EpochChoice, p: PartitionSnapshot): number | undefined {
  switch (choice) {
    case 'own':
      return undefined;
    case 'none':
      return -1;
    case 'unknown':
      return p.leaderEpoch + 1;
    case 'older':
      return Math.max(0, p.leaderEpoch - 1);
  }
}

export class FollowerFetchCommand extends RunCommand {
  readonly sends = ['replicate'] as const;
  constructor(
    readonly partition: number,
    readonly follower: number,
    readonly offset: OffsetChoice,
    readonly epoch: EpochChoice,
    readonly expireIsrBeforeCompletion: boolean,
  ) {
    super();
  }
  enabled(k: Readonly<RunKnowledge>): boolean {
    return k.topics.has(TOPIC);
  }
  async run(k: RunKnowledge, run: LockstepRun): Promise<void> {
    const partition = this.partition % (k.topics.get(TOPIC) ?? 1);
    const p = k.lastState?.partitions.find((q) => q.topic === TOPIC && q.partition === partition);
    // Without a snapshot the follower is any broker and the request carries its own offset and epoch.
    const followers = p ? p.replicas.filter((b) => b !== p.leader) : k.brokers.map((_, id) => id);
    if (followers.length === 0) return;
    const follower = followers[this.follower % followers.length]!;
    const event: Extract<Event, { type: 'replicate' }> = {
      type: 'replicate',
      topic: TOPIC,
      partition,
      follower,
    };
    const offset = p && p.leader !== null ? chosenOffset(this.offset, p, follower) : undefined;
    const epoch = p ? chosenEpoch(this.epoch, p) : undefined;
    await run.step({
      ...event,
      ...(offset === undefined ? {} : { fetchOffset: offset }),
      ...(epoch === undefined ? {} : { lastFetchedEpoch: epoch }),
      ...(this.expireIsrBeforeCompletion ? { expireIsrBeforeCompletion: true } : {}),
    });
  }
  toString(): string {
    const chosen = [
      this.offset === 'own' ? '' : ` offset=${this.offset}`,
      this.epoch === 'own' ? '' : ` epoch=${this.epoch}`,
      this.expireIsrBeforeCompletion ? ' isr-expiration-first' : '',
    ].join('');
    return `follower-fetch(${TOPIC}-${this.partition} f${this.follower}${chosen})`;
  }
}
