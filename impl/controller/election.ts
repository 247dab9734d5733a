// Leader election (PartitionLeaderElectionAlgorithms / KRaft's PartitionChangeBuilder): the first
// replica in assignment order that is alive and in the ISR; only with
// unclean.leader.election.enable may an alive out-of-sync replica lead, and then it is the ISR.
// With nobody electable the partition stays leaderless and keeps its last ISR, so the last
// in-sync replica is the one elected when it comes back (KRaft never empties the ISR).
import { mutant } from '../mutants/index.ts';

export interface ElectionInput {
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
  readonly alive: (broker: number) => boolean;
  readonly uncleanAllowed: boolean;
}

export type ElectionResult =
  | { readonly kind: 'clean'; readonly leader: number; readonly isr: readonly number[] }
  | { readonly kind: 'unclean'; readonly leader: number; readonly isr: readonly number[] }
  | { readonly kind: 'none' };

export function electLeader(input: ElectionInput): ElectionResult {
  const clean = input.replicas.find(
    (b) => input.alive(b) && (input.isr.includes(b) || mutant('elect-out-of-sync-leader')),
  );
  if (clean !== undefined)
    return { kind: 'clean', leader: clean, isr: input.isr.filter((b) => input.alive(b)) };
  if (input.uncleanAllowed) {
    const unclean = input.replicas.find((b) => input.alive(b));
    if (unclean !== undefined) return { kind: 'unclean', leader: unclean, isr: [unclean] };
  }
  return { kind: 'none' };
}

/**
 * The ISR once `broker` is fenced: without it, unless it is the last member, which stays (so
 * that only it can be elected cleanly later).
 */
export function isrWithout(isr: readonly number[], broker: number): readonly number[] {
  if (!isr.includes(broker)) return isr;
  const rest = isr.filter((b) => b !== broker);
  return rest.length > 0 ? rest : isr;
}
