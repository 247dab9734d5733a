// The commit model: one consumer of one partition whose log grows by `produce`, committing to the
// coordinator model's store (a standalone group, generation -1), with auto commit, commitSync,
// commitAsync (answers delivered later, in any order), crashes, and the two processing styles.
// The invariant: no record below the committed offset is lost (OC-16, OC-19).
import type { Config } from '../../spec/config.ts';
import {
  addUnprocessed,
  autoCommitDue,
  type ConsumerState,
  mayPollOrCommit,
  newConsumer,
  pollRange,
  startPosition,
} from '../consumer/consumer.ts';
import { type ConsumerSettings, consumerSettings } from '../consumer/settings.ts';
import type { ExplorableModel, Invariant } from '../explorable.ts';
import { coordinatorConfig } from '../group/config.ts';
import { initialCoordinatorState, step } from '../group/coordinator.ts';
import type { CoordinatorState } from '../group/types.ts';

// Rules this file applies: OC-15, OC-16, OC-17, OC-19.

const GROUP = 'g';
const TOPIC = 't';

export interface CommitModelOptions {
  /** Records the producer may write. Default 3. */
  readonly records?: number;
  /** Settings by Kafka's names: auto.offset.reset, enable.auto.commit, auto.commit.interval.ms, kspec.consumer.processing. */
  readonly config?: Config;
  /** commitAsync requests in flight at once. Default 2. */
  readonly maxInFlight?: number;
  /** max.poll.records. Default 1. */
  readonly maxPollRecords?: number;
}

export interface CommitModelState {
  coordinator: CoordinatorState;
  /** null while the consumer process is down. */
  consumer: ConsumerState | null;
  logEnd: number;
  /** Offsets the application has processed (ever). */
  processed: number[];
  /** commitAsync positions sent and not yet answered. */
  inFlight: number[];
  /** The exception the last poll raised (NoOffsetForPartitionException), else null. */
  exception: string | null;
}

export type CommitModelEvent =
  | { type: 'produce' }
  | { type: 'poll' }
  | { type: 'process' }
  | { type: 'commit-sync' }
  | { type: 'commit-async' }
  | { type: 'deliver-async'; position: number }
  | { type: 'consumer-crash' }
  | { type: 'consumer-start' }
  | { type: 'advance-time' };

/** The committed offset of the partition in the coordinator's store, -1 when none. */
export function committedOffset(coordinator: CoordinatorState): number {
  return (
    coordinator.groups
      .find((g) => g.id === GROUP)
      ?.offsets.find((o) => o.topic === TOPIC && o.partition === 0)?.offset ?? -1
  );
}

function commit(
  coordinator: CoordinatorState,
  position: number,
  source: 'auto' | 'consumer',
): CoordinatorState {
  const event = {
    type: 'commit' as const,
    request: 0,
    client: 'c1',
    group: GROUP,
    memberId: '',
    generation: -1,
    source,
    offsets: [{ topic: TOPIC, partition: 0, offset: position }],
  };
  return step(coordinator, event).state;
}

/** OC-16, OC-19: every record below the committed offset was processed or is still held by the live consumer. */
export const noCommittedRecordLost: Invariant<CommitModelState> = {
  name: 'no-committed-record-lost',
  rules: ['OC-16', 'OC-19'],
  check(state) {
    const committed = committedOffset(state.coordinator);
    const held = state.consumer?.unprocessed;
    for (let offset = 0; offset < committed; offset += 1) {
      if (state.processed.includes(offset)) continue;
      if (held && offset >= held[0] && offset < held[1]) continue;
      return {
        rules: ['OC-16', 'OC-19'],
        message: `record ${offset} is below the committed offset ${committed} but was never processed`,
      };
    }
    return undefined;
  },
};

export function commitModel(
  options: CommitModelOptions = {},
): ExplorableModel<CommitModelState, CommitModelEvent> {
  const settings: ConsumerSettings = consumerSettings(options.config ?? {});
  const records = options.records ?? 3;
  const maxInFlight = options.maxInFlight ?? 2;
  const maxPollRecords = options.maxPollRecords ?? 1;
  const config = {
    ...coordinatorConfig(options.config ?? {}),
    offsetsRetentionCheckIntervalMs: Number.MAX_SAFE_INTEGER,
  };

  function apply(state: CommitModelState, event: CommitModelEvent): CommitModelState {
    const next: CommitModelState = {
      ...state,
      consumer: state.consumer && { ...state.consumer },
      exception: null,
    };
    const consumer = next.consumer;
    switch (event.type) {
      case 'produce':
        next.logEnd += 1;
        break;
      case 'advance-time':
        next.coordinator = step(next.coordinator, {
          type: 'advance-time',
          ms: settings.autoCommitIntervalMs || 1,
        }).state;
        break;
      case 'consumer-crash':
        next.consumer = null; // handed-off records die with the process; sent commits may still land
        break;
      case 'consumer-start':
        next.consumer = newConsumer(next.coordinator.now);
        break;
      case 'process':
        if (consumer?.unprocessed) {
          const [from, to] = consumer.unprocessed;
          next.processed = [
            ...new Set([...next.processed, ...Array.from({ length: to - from }, (_, i) => from + i)]),
          ].sort((a, b) => a - b);
          consumer.unprocessed = null;
        }
        break;
      case 'poll':
        if (consumer) poll(next, consumer);
        break;
      case 'commit-sync':
        if (consumer?.position != null)
          next.coordinator = commit(next.coordinator, consumer.position, 'consumer');
        break;
      case 'commit-async':
        if (consumer?.position != null)
          next.inFlight = [...next.inFlight, consumer.position].sort((a, b) => a - b);
        break;
      case 'deliver-async': {
        const index = next.inFlight.indexOf(event.position);
        if (index >= 0) {
          next.inFlight = next.inFlight.filter((_, i) => i !== index);
          next.coordinator = commit(next.coordinator, event.position, 'consumer');
        }
        break;
      }
    }
    return next;
  }

  /** OC-13, OC-15, OC-19: start position, then the auto commit of earlier polls' positions, then fetch. */
  function poll(state: CommitModelState, consumer: ConsumerState): void {
    if (consumer.position === null) {
      const start = startPosition(
        committedOffset(state.coordinator),
        settings.autoOffsetReset,
        0,
        state.logEnd,
      );
      if ('exception' in start) {
        state.exception = start.exception;
        return;
      }
      consumer.position = start.position;
    }
    const due = autoCommitDue(consumer, settings, state.coordinator.now);
    if (due !== null) {
      state.coordinator = commit(state.coordinator, due, 'auto');
      consumer.lastAutoCommitMs = state.coordinator.now;
    }
    const range = pollRange(consumer.position, state.logEnd, maxPollRecords);
    if (range) {
      consumer.unprocessed = addUnprocessed(consumer.unprocessed, range);
      consumer.position = range[1];
    }
  }

  return {
    name: `commit(records=${records}, ${settings.processing}, auto-commit=${settings.enableAutoCommit}, reset=${settings.autoOffsetReset})`,
    initial: () => ({
      coordinator: initialCoordinatorState(config),
      consumer: newConsumer(0),
      logEnd: 0,
      processed: [],
      inFlight: [],
      exception: null,
    }),
    events(state) {
      const events: CommitModelEvent[] = [];
      if (state.logEnd < records) events.push({ type: 'produce' });
      const consumer = state.consumer;
      if (consumer) {
        const free = mayPollOrCommit(consumer, settings);
        if (free) events.push({ type: 'poll' });
        if (consumer.unprocessed) events.push({ type: 'process' });
        if (free && consumer.position !== null) {
          events.push({ type: 'commit-sync' });
          if (state.inFlight.length < maxInFlight) events.push({ type: 'commit-async' });
        }
        events.push({ type: 'consumer-crash' });
      } else {
        events.push({ type: 'consumer-start' });
      }
      for (const position of new Set(state.inFlight)) events.push({ type: 'deliver-async', position });
      if (
        settings.enableAutoCommit &&
        consumer &&
        state.coordinator.now - consumer.lastAutoCommitMs < settings.autoCommitIntervalMs
      ) {
        events.push({ type: 'advance-time' });
      }
      return events;
    },
    step: apply,
    key(state) {
      const consumer = state.consumer && {
        position: state.consumer.position,
        unprocessed: state.consumer.unprocessed,
        autoCommitDue:
          state.coordinator.now - state.consumer.lastAutoCommitMs >= settings.autoCommitIntervalMs,
      };
      return JSON.stringify([
        committedOffset(state.coordinator),
        state.logEnd,
        consumer,
        state.processed,
        state.inFlight,
        state.exception,
      ]);
    },
    invariants: [noCommittedRecordLost],
    describeEvent: (event) =>
      event.type === 'deliver-async' ? `commitAsync(${event.position}) answered` : event.type,
    stateNames: (state) => [
      `consumer.${state.consumer ? (state.consumer.unprocessed ? 'holding' : 'idle') : 'down'}`,
    ],
  };
}
