// The suites the no-loss matrix runs: one for the producer and replication side of the checklist
// (acks, retries, send style, elections, replication factor, min ISR), one for the consumer side
// (when commits happen relative to processing). The safe profile runs both.
import type { Suite } from './suite.ts';

export const PRODUCER_MATRIX_SUITE: Suite = {
  name: 'no-loss-producer',
  description: 'the no-loss checklist, producer side: producers through broker failures',
  overrides: {},
  weights: {
    produce: 4,
    retrySend: 2,
    replicate: 3,
    advanceTime: 2,
    brokerFailure: 3,
    brokerRestart: 2,
    flush: 1,
    consume: 1,
    rebalance: 1,
  },
  maxCommands: 30,
};

export const CONSUMER_MATRIX_SUITE: Suite = {
  name: 'no-loss-consumer',
  description: 'the no-loss checklist, consumer side: a consumer group committing and crashing',
  overrides: {},
  weights: {
    produce: 3,
    replicate: 4,
    rebalance: 3,
    consume: 5,
    consumerCommit: 2,
    process: 1,
    consumerCrash: 2,
    brokerFailure: 1,
    brokerRestart: 1,
  },
  maxCommands: 25,
};
