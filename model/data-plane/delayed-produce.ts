// Waiting acks=all produces (DelayedProduce in Kafka's purgatory). Each completes, in arrival order,
// once its fate is known: its broker is down (the client sees the connection drop), no longer
// leads (NOT_LEADER_OR_FOLLOWER), its HW passed the batch (RP-8, RP-10), or request.timeout.ms ran
// out (REQUEST_TIMED_OUT). Kafka checks after every HW move, ISR or leadership change and on the
// timeout; so does the oracle. The answer travels back over the network (lost: NETWORK_EXCEPTION).
import type { ErrorName } from '../../spec/errors.ts';
import { delayedProduceVerdict } from '../replication/produce.ts';
import { roleOf } from './roles.ts';
import {
  brokerNode,
  clientNode,
  connected,
  findPartition,
  type WaitingProduce,
  type World,
} from './world.ts';
import { asLeader } from './zombie.ts';

/** What a broker's partition does with the produces waiting on it now: answer all, or those below a HW. */
type Verdict = ErrorName | ReturnType<typeof delayedProduceVerdict> | undefined;

function verdictFor(world: World, entry: WaitingProduce): Verdict {
  if (!world.brokers[entry.broker]!.running) return 'NETWORK_EXCEPTION';
  const p = findPartition(world, entry.topic, entry.partition)!;
  const index = p.brokers.indexOf(entry.broker);
  if (roleOf(p, index) !== 'leader') return 'NOT_LEADER_OR_FOLLOWER';
  // The broker still leads in its own view: in the controller's term, or as a zombie in its own.
  return asLeader(p, index, () => delayedProduceVerdict(p.state, p.settings));
}

function outcome(verdict: Verdict, entry: WaitingProduce): ErrorName | undefined {
  if (verdict === undefined || typeof verdict === 'string') return verdict;
  return entry.lastOffset < verdict.highWatermark ? verdict.answer : undefined;
}

/**
 * Each waiting produce's answer, or undefined while it still waits. A broker's term is entered once
 * per check for all the produces it holds on a partition (long runs keep a thousand or more waiting
 * while a partition cannot confirm, and this runs after every event).
 */
function answers(world: World): (ErrorName | undefined)[] | undefined {
  // topic -> partition -> broker -> verdict: nested maps, so that no key is built per produce.
  const verdicts = new Map<string, Map<number, Map<number, Verdict>>>();
  const verdictOf = (entry: WaitingProduce): Verdict => {
    const partitions = verdicts.get(entry.topic) ?? new Map<number, Map<number, Verdict>>();
    verdicts.set(entry.topic, partitions);
    const brokers = partitions.get(entry.partition) ?? new Map<number, Verdict>();
    partitions.set(entry.partition, brokers);
    if (!brokers.has(entry.broker)) brokers.set(entry.broker, verdictFor(world, entry));
    return brokers.get(entry.broker);
  };
  let any = false;
  const found = world.waiting.map((entry) => {
    const error =
      outcome(verdictOf(entry), entry) ?? (world.nowMs >= entry.deadlineMs ? 'REQUEST_TIMED_OUT' : undefined);
    if (error) any = true;
    return error;
  });
  return any ? found : undefined;
}

export function checkWaitingProduces(world: World): void {
  if (world.waiting.length === 0 || world.completionsHeld) return;
  const found = answers(world);
  if (!found) return;
  const still: WaitingProduce[] = [];
  const done: [WaitingProduce, ErrorName][] = [];
  world.waiting.forEach((entry, place) => {
    const error = found[place];
    if (error) done.push([entry, error]);
    else still.push(entry);
  });
  world.waiting = still;
  for (const [entry, error] of done)
    answerProduce(world, entry, error, error === 'NONE' ? entry.baseOffset : -1);
}

/** A produce answer from `broker` (undefined: the client's own side) reaching the producer, or not. */
export function answerProduce(
  world: World,
  entry: Omit<WaitingProduce, 'deadlineMs' | 'lastOffset' | 'baseOffset' | 'broker'> & {
    readonly broker?: number;
    readonly acks?: number;
  },
  error: ErrorName,
  baseOffset: number,
): void {
  const lost =
    entry.broker !== undefined && !connected(world, brokerNode(entry.broker), clientNode(entry.producer));
  const hint = lost ? undefined : leaderHint(world, entry, error);
  world.outbox.push({
    type: 'produce-response',
    request: entry.request,
    producer: entry.producer,
    topic: entry.topic,
    partition: entry.partition,
    acks: entry.acks ?? -1,
    error: lost ? 'NETWORK_EXCEPTION' : error,
    baseOffset: lost ? -1 : baseOffset,
    values: [...entry.values],
    ...(hint ? { currentLeader: hint } : {}),
  });
}

/**
 * RP-28 (KIP-951): from Produce v10, a broker answering NOT_LEADER_OR_FOLLOWER or
 * FENCED_LEADER_EPOCH names the leader and epoch its own view holds when it answers, if any.
 */
function leaderHint(
  world: World,
  entry: { readonly broker?: number; readonly topic: string; readonly partition: number },
  error: ErrorName,
): { leaderId: number; leaderEpoch: number } | undefined {
  if (error !== 'NOT_LEADER_OR_FOLLOWER' && error !== 'FENCED_LEADER_EPOCH') return undefined;
  if (entry.broker === undefined || world.config.produceVersion < 10) return undefined;
  const view = findPartition(world, entry.topic, entry.partition)?.views[entry.broker];
  if (!view || view.leader === null || view.leader < 0) return undefined;
  return { leaderId: view.leader, leaderEpoch: view.leaderEpoch };
}
