// A seeded mixed workload of contract events for a 3-broker cluster with one group of 3 consumers
// on a 6-partition topic: produce (acks=all and acks=1), replicate, poll, commit, heartbeat,
// fetch and time. Used by the cluster benchmark and the adapter's determinism test.

import { SeededRandom } from '../../../../impl/sim/random.ts';
import type { Event } from '../../../../spec/events.ts';

export const WORKLOAD_TOPIC = 't';
export const WORKLOAD_GROUP = 'g';
const CONSUMERS = ['c1', 'c2', 'c3'];
const protocols = [{ name: 'range', topics: [WORKLOAD_TOPIC] }];
const timeouts = { sessionTimeoutMs: 30_000, rebalanceTimeoutMs: 10_000 };

/** Topic creation and a complete first rebalance of the three consumers. */
export function workloadSetup(): Event[] {
  return [
    { type: 'create-topic', topic: WORKLOAD_TOPIC, partitions: 6, replicationFactor: 3 },
    ...CONSUMERS.map(
      (client): Event => ({
        type: 'join',
        client,
        group: WORKLOAD_GROUP,
        member: 'none',
        protocols,
        ...timeouts,
      }),
    ),
    ...CONSUMERS.map(
      (client): Event => ({
        type: 'join',
        client,
        group: WORKLOAD_GROUP,
        member: 'own',
        protocols,
        ...timeouts,
      }),
    ),
    // The initial rebalance delay (3 s) is extended per new member, up to the rebalance timeout.
    { type: 'advance-time', ms: 10_000 },
    ...CONSUMERS.map(
      (client): Event => ({ type: 'sync', client, group: WORKLOAD_GROUP, generation: 1, member: 'own' }),
    ),
  ];
}

/** `count` events after the setup, drawn from `seed`. */
export function mixedWorkload(seed: number, count: number): Event[] {
  const random = new SeededRandom(seed);
  const events: Event[] = workloadSetup();
  for (let i = 0; i < count; i++) {
    const roll = random.int(100);
    const client = CONSUMERS[random.int(CONSUMERS.length)]!;
    if (roll < 40)
      events.push({
        type: 'produce',
        producer: 'p',
        topic: WORKLOAD_TOPIC,
        partition: random.int(6),
        values: Array.from({ length: 1 + random.int(5) }, (_, k) => `v${i}-${k}`),
        acks: random.chance(0.7) ? -1 : 1,
      });
    else if (roll < 60) events.push({ type: 'replicate' });
    else if (roll < 75) events.push({ type: 'poll', client, group: WORKLOAD_GROUP, maxRecords: 100 });
    else if (roll < 80) events.push({ type: 'consumer-commit', client, group: WORKLOAD_GROUP, mode: 'sync' });
    else if (roll < 88)
      events.push({ type: 'heartbeat', client, group: WORKLOAD_GROUP, generation: 1, member: 'own' });
    else if (roll < 95) events.push({ type: 'advance-time', ms: 100 + random.int(900) });
    else
      events.push({
        type: 'fetch',
        client: 'reader',
        topic: WORKLOAD_TOPIC,
        partition: random.int(6),
        offset: 0,
        maxRecords: 50,
      });
  }
  return events;
}
