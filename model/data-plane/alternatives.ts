// The answer lists a replicate round may give. The order followers fetch in is open (Kafka's
// fetchers race), and it shows in answers: a returning follower that fetches first rejoins the ISR
// (RP-7) and holds the HW back, one that fetches after another follower moved the HW does not, so
// the same round completes a waiting acks=all produce or not. A round's answers are produce
// completions, each of one partition, and a partition's completions depend only on the order its
// own followers fetch in; so the lists are the combinations of each partition's variants.
import type { Observation } from '../../spec/observations.ts';
import { permutations } from './permutations.ts';
import { type Choices, noChoices, type PartitionModel, partitionKey } from './world.ts';

const concerns = (p: PartitionModel) => (o: Observation) =>
  'topic' in o && 'partition' in o && o.topic === p.topic && o.partition === p.partition;

/** One answer list a round may give, with the fetch orders (by partition) that give it. */
export interface Alternative {
  readonly answers: Observation[];
  readonly orders: ReadonlyMap<string, number[]>;
}

/**
 * Every distinct answer list of the round, or undefined when the order changes none. `replay`
 * applies the round to the state before it with the given choices and returns its answers.
 */
export function fetchOrderAlternatives(
  partitions: readonly PartitionModel[],
  replay: (choices: Choices) => Observation[],
): Alternative[] | undefined {
  const base = replay(noChoices());
  let lists: Alternative[] = [
    { answers: base.filter((o) => !partitions.some((p) => concerns(p)(o))), orders: new Map() },
  ];
  let varies = false;
  for (const p of partitions) {
    const variants = new Map<string, { mine: Observation[]; order: number[] }>();
    for (const order of permutations(p.brokers)) {
      const choices = noChoices();
      choices.fetchOrders.set(partitionKey(p), order);
      const mine = replay(choices).filter(concerns(p));
      const key = JSON.stringify(mine);
      if (!variants.has(key)) variants.set(key, { mine, order });
    }
    if (variants.size > 1) varies = true;
    lists = lists.flatMap((list) =>
      [...variants.values()].map(({ mine, order }) => ({
        answers: [...list.answers, ...mine],
        orders: new Map([...list.orders, [partitionKey(p), order]]),
      })),
    );
  }
  return varies ? lists : undefined;
}
