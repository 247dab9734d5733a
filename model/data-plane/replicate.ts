// The `replicate` event: every follower of the chosen partitions fetches once from the leader it
// knows (RP-5). A fetch is checked as Kafka does: the follower's leader epoch against the leader's
// (fenced or unknown: nothing happens), then its last fetched epoch (KIP-320): if its log diverges
// the round only tells it where to truncate (RP-14), and it copies records on its next round.
// Otherwise the leader records the fetch offset as the follower's LEO, may take it back into the
// ISR (RP-7, through the controller), advances its HW (RP-2) and sends the records and its HW.
// A round may be one follower's fetch alone, at a chosen offset and last fetched epoch (RP-26), and
// may let the leaders' ISR expiration run before waiting produces are checked (RP-10's race).
import type { ReplicateRoundOptions } from '../../spec/events.ts';
import { caughtUpForIsr, truncateTo } from '../replication/fetch.ts';
import { logEndOffset, replaceReplica } from '../replication/high-watermark.ts';
import { appendEntries } from '../replication/produce.ts';
import { alterIsr } from './controller.ts';
import { checkWaitingProduces } from './delayed-produce.ts';
import { assignEpoch, endOffsetForEpoch, latestEpoch, truncateEpochsFromEnd } from './epoch-cache.ts';
import { advanceLeaderHighWatermark } from './high-watermark.ts';
import { roleOf } from './roles.ts';
import { shrinkIsrOf } from './time.ts';
import {
  allPartitions,
  brokerNode,
  connected,
  type PartitionModel,
  partitionKey,
  type World,
} from './world.ts';
import { asLeader } from './zombie.ts';

/** What a follower's request carries when the run chose it (RP-26). */
interface ChosenFetch {
  readonly offset?: number;
  readonly epoch?: number;
}

export function replicate(
  world: World,
  topic?: string,
  partition?: number,
  options: ReplicateRoundOptions = {},
): void {
  const selected = allPartitions(world).filter(
    (p) =>
      (topic === undefined || p.topic === topic) && (partition === undefined || p.partition === partition),
  );
  const chosen: ChosenFetch =
    topic !== undefined && partition !== undefined && options.follower !== undefined
      ? { offset: options.fetchOffset, epoch: options.lastFetchedEpoch }
      : {};
  // The race of RP-10: Kafka's fetch thread moves the HW, then completes waiting produces outside
  // the partition lock (Partition.tryCompleteDelayedRequests), so the isr-expiration thread can
  // shrink the ISR in between; holding completions until after the expiration arranges it.
  world.completionsHeld = options.expireIsrBeforeCompletion === true;
  try {
    for (const p of selected) {
      // Kafka's fetchers race; the oracle fetches in assignment order and adopts the system's order
      // from its snapshot where the order shows (a follower's HW, see adopt.ts).
      const order = world.choices.fetchOrders.get(partitionKey(p)) ?? p.brokers;
      for (const broker of order)
        if (options.follower === undefined || broker === options.follower)
          followerFetch(world, p, p.brokers.indexOf(broker), chosen);
    }
    if (options.expireIsrBeforeCompletion) for (const p of selected) shrinkIsrOf(world, p);
  } finally {
    world.completionsHeld = false;
  }
  checkWaitingProduces(world);
}

/** Where a follower whose last epoch ends at `leaderEnd` on the leader cuts its log (AbstractFetcherThread). */
function truncationOffset(
  p: PartitionModel,
  index: number,
  leaderEnd: { epoch: number; endOffset: number },
): number {
  const end = logEndOffset(p.state.replicas[index]!);
  const mine = endOffsetForEpoch(p.epochCaches[index]!, leaderEnd.epoch, end);
  if (mine.endOffset < 0) return Math.min(leaderEnd.endOffset, end);
  if (mine.epoch !== leaderEnd.epoch) return Math.min(mine.endOffset, end);
  return Math.min(leaderEnd.endOffset, mine.endOffset, end);
}

function truncateReplica(p: PartitionModel, index: number, offset: number): void {
  const replica = p.state.replicas[index]!;
  if (offset >= logEndOffset(replica)) return;
  p.state = replaceReplica(p.state, index, truncateTo(replica, offset));
  p.epochCaches[index] = truncateEpochsFromEnd(p.epochCaches[index]!, offset);
}

export function followerFetch(
  world: World,
  p: PartitionModel,
  index: number,
  chosen: ChosenFetch = {},
): void {
  const broker = p.brokers[index]!;
  if (!world.brokers[broker]!.running || roleOf(p, index) !== 'follower') return;
  const view = p.views[broker]!;
  const leaderBroker = view.leader!;
  if (
    !world.brokers[leaderBroker]?.running ||
    !connected(world, brokerNode(broker), brokerNode(leaderBroker))
  )
    return;
  const leader = p.brokers.indexOf(leaderBroker);
  if (leader < 0 || roleOf(p, leader) !== 'leader') return; // NOT_LEADER_OR_FOLLOWER
  if (view.leaderEpoch !== p.views[leaderBroker]!.leaderEpoch) return; // fenced or unknown epoch
  // A zombie serves followers that still share its view (zombie.ts).
  asLeader(p, leader, () => fetchFrom(world, p, index, leader, chosen));
}

function fetchFrom(
  world: World,
  p: PartitionModel,
  index: number,
  leader: number,
  chosen: ChosenFetch,
): void {
  const follower = p.state.replicas[index]!;
  const ownEpoch = p.settings.truncation === 'high-watermark' ? -1 : latestEpoch(p.epochCaches[index]!);
  const fetchOffset = chosen.offset ?? logEndOffset(follower);
  const lastFetchedEpoch = chosen.epoch ?? ownEpoch;
  // RP-26: the leader handles any request it gets; the follower's fetcher uses an answer only to
  // the request its own fetch state sent (AbstractFetcherThread.processFetchRequest), one carrying
  // its log end offset and latest epoch, and drops any other.
  const applies = fetchOffset === logEndOffset(follower) && lastFetchedEpoch === ownEpoch;
  const leaderReplica = p.state.replicas[leader]!;
  const leaderEndOffset = logEndOffset(leaderReplica);
  // Out of range (Partition.readRecords): a last fetched epoch the leader cannot place (above every
  // epoch it knows), an offset below its log start (0: the model keeps every record) or above its
  // LEO. The follower then cuts a longer log back to the leader's end (fetchOffsetAndTruncate).
  const outOfRange = () => {
    if (applies) truncateReplica(p, index, leaderEndOffset);
  };
  if (lastFetchedEpoch >= 0) {
    const leaderEnd = endOffsetForEpoch(p.epochCaches[leader]!, lastFetchedEpoch, leaderEndOffset);
    if (leaderEnd.endOffset < 0 || fetchOffset < 0) {
      outOfRange();
      return;
    }
    if (leaderEnd.endOffset < fetchOffset || leaderEnd.epoch < lastFetchedEpoch) {
      if (!applies) return;
      truncateReplica(p, index, truncationOffset(p, index, leaderEnd));
      p.state = replaceReplica(p.state, index, {
        ...p.state.replicas[index]!,
        highWatermark: Math.min(
          p.state.replicas[index]!.highWatermark,
          logEndOffset(p.state.replicas[index]!),
        ),
      });
      return;
    }
  }
  if (fetchOffset > leaderEndOffset || fetchOffset < 0) {
    outOfRange();
    return;
  }
  recordFetch(world, p, index, fetchOffset, leaderEndOffset);
  const rejoins = !p.state.isr.includes(index) && caughtUpForIsr(p.state, fetchOffset);
  advanceLeaderHighWatermark(world, p);
  const leaderAfter = p.state.replicas[leader]!;
  // The answer is built now, with the HW as the current ISR allows; the ISR change the fetch
  // triggers goes through the controller (AlterPartition) and moves the HW only once applied, as
  // Kafka's min-ISR gate reads the committed ISR, not the pending one.
  const response = { records: leaderAfter.log.slice(fetchOffset), highWatermark: leaderAfter.highWatermark };
  if (rejoins) {
    const proposal = p.brokers.map((_, i) => i).filter((i) => i === index || p.state.isr.includes(i));
    alterIsr(world, p, leader, p.state.leaderEpoch, proposal);
  }
  if (!applies) return;
  const copied = response.records;
  let replica = appendEntries(p.state.replicas[index]!, copied, p.settings);
  let cache = p.epochCaches[index]!;
  copied.forEach((entry, i) => {
    cache = assignEpoch(cache, entry.epoch, fetchOffset + i);
  });
  p.epochCaches[index] = cache;
  // RP-2: the follower takes the leader's HW from the answer, capped at its own LEO; it can go down
  // when a new leader knows less than the old one (UnifiedLog.maybeUpdateHighWatermark is not
  // monotonic on followers).
  replica = { ...replica, highWatermark: Math.min(response.highWatermark, logEndOffset(replica)) };
  p.state = replaceReplica(p.state, index, replica);
}

/**
 * RP-5, RP-6: the leader notes the follower's LEO, when it was last caught up and the broker epoch
 * its fetch carried (Replica.updateFetchState).
 */
function recordFetch(
  world: World,
  p: PartitionModel,
  index: number,
  fetchOffset: number,
  leaderEnd: number,
): void {
  const previous = p.clocks[index]!;
  let lastCaughtUpTimeMs = previous.lastCaughtUpTimeMs;
  if (fetchOffset >= leaderEnd) lastCaughtUpTimeMs = Math.max(lastCaughtUpTimeMs, world.nowMs);
  else if (previous.lastFetchLeaderEndOffset >= 0 && fetchOffset >= previous.lastFetchLeaderEndOffset)
    lastCaughtUpTimeMs = Math.max(lastCaughtUpTimeMs, previous.lastFetchTimeMs);
  p.clocks[index] = {
    lastCaughtUpTimeMs,
    lastFetchLeaderEndOffset: leaderEnd,
    lastFetchTimeMs: world.nowMs,
    brokerEpoch: world.brokers[p.brokers[index]!]!.epoch,
  };
  p.fetched[index] = true;
  p.state = replaceReplica(p.state, index, { ...p.state.replicas[index]!, remoteLogEndOffset: fetchOffset });
}
