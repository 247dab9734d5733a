// The toy cluster's partitions: replicas with in-memory logs (with a flushed prefix for power loss),
// ISR, leader epochs, high watermark, a controller that elects the first live ISR replica (or any
// live one when unclean election is on), epoch-based truncation of followers, and acks=all produces
// parked until the high watermark covers them. Small and deliberately simple: a stand-in system for
// testing the checker, not the reference implementation.
import type { ErrorName } from '../../../spec/errors.ts';
import type { ProduceResponse } from '../../../spec/observations.ts';
import type { ToyFaults } from './faults.ts';

export interface LogEntry {
  readonly value: string;
  readonly epoch: number;
  /** An idempotent batch's header, on each of its entries. */
  readonly producer?: ToyProducerHeader;
}
export interface ToyProducerHeader {
  readonly producerId: number;
  readonly producerEpoch: number;
  readonly baseSequence: number;
}
export interface ReplicaLog {
  entries: LogEntry[];
  flushed: number;
  highWatermark: number;
}
export interface Broker {
  alive: boolean;
  logs: Map<string, ReplicaLog>;
}
export interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  readonly replicas: number[];
  leader: number | null;
  epoch: number;
  isr: number[];
  caughtUpMs: Map<number, number>;
  minInsync: number;
  unclean: boolean;
}
interface ParkedProduce {
  readonly request: number;
  readonly producer: string;
  readonly key: string;
  readonly values: string[];
  readonly baseOffset: number;
  readonly epoch: number;
  readonly deadlineMs: number;
}

export const REQUEST_TIMEOUT_MS = 30000;

export class ToyReplication {
  readonly brokers = new Map<number, Broker>();
  readonly partitions = new Map<string, PartitionState>();
  #parked: ParkedProduce[] = [];

  constructor(
    brokerCount: number,
    readonly lagMaxMs: number,
    readonly faults: ToyFaults,
  ) {
    for (let id = 0; id < brokerCount; id++) this.brokers.set(id, { alive: true, logs: new Map() });
  }

  logOf(broker: number, key: string): ReplicaLog {
    const b = this.brokers.get(broker)!;
    let log = b.logs.get(key);
    if (!log) {
      log = { entries: [], flushed: 0, highWatermark: 0 };
      b.logs.set(key, log);
    }
    return log;
  }

  addPartition(
    topic: string,
    partition: number,
    replicationFactor: number,
    minInsync: number,
    unclean: boolean,
    nowMs: number,
  ): void {
    const n = this.brokers.size;
    const replicas = Array.from({ length: Math.min(replicationFactor, n) }, (_, i) => (partition + i) % n);
    const alive = replicas.filter((r) => this.brokers.get(r)!.alive);
    const key = `${topic}/${partition}`;
    for (const r of replicas) this.logOf(r, key);
    this.partitions.set(key, {
      topic,
      partition,
      replicas,
      leader: alive[0] ?? null,
      epoch: 0,
      isr: alive.length ? alive : replicas.slice(0, 1),
      caughtUpMs: new Map(replicas.map((r) => [r, nowMs])),
      minInsync,
      unclean,
    });
  }

  leaderLog(p: PartitionState): ReplicaLog | undefined {
    if (p.leader === null || !this.brokers.get(p.leader)!.alive) return undefined;
    return this.logOf(p.leader, `${p.topic}/${p.partition}`);
  }

  /** One produce attempt; returns the immediate answer, or undefined when parked or acks=0. */
  produce(
    request: number,
    producer: string,
    key: string,
    values: string[],
    acks: number,
    nowMs: number,
    /** An idempotent producer's batch header: the toy answers a retry of a batch it holds with its offset and refuses a batch out of sequence (IP-2..IP-5, simply: all batches remembered). */
    header?: ToyProducerHeader,
  ): ProduceResponse | undefined {
    const p = this.partitions.get(key);
    const [topic, partition] = splitKey(key);
    const answer = (error: ErrorName, baseOffset = -1): ProduceResponse | undefined =>
      acks === 0
        ? undefined
        : { type: 'produce-response', request, producer, topic, partition, acks, error, baseOffset, values };
    if (acks !== 0 && acks !== 1 && acks !== -1) return { ...answer('INVALID_REQUIRED_ACKS')!, acks };
    if (!p) return answer('UNKNOWN_TOPIC_OR_PARTITION');
    const log = this.leaderLog(p);
    if (!log) return answer('NOT_LEADER_OR_FOLLOWER');
    if (acks === -1 && p.isr.length < p.minInsync) return answer('NOT_ENOUGH_REPLICAS');
    const sequenceCheck = header ? checkToySequence(log, header) : { written: -1 };
    if ('error' in sequenceCheck) return answer(sequenceCheck.error);
    const written = sequenceCheck.written;
    const baseOffset = written >= 0 ? written : log.entries.length;
    if (written < 0)
      for (const value of values)
        log.entries.push({ value, epoch: p.epoch, ...(header ? { producer: header } : {}) });
    if (acks !== -1) return answer('NONE', baseOffset);
    this.#parked.push({
      request,
      producer,
      key,
      values,
      baseOffset,
      epoch: p.epoch,
      deadlineMs: nowMs + REQUEST_TIMEOUT_MS,
    });
    return undefined;
  }

  /** Leader HW = min LEO over the ISR, monotonic, held while the ISR is below min.insync.replicas. */
  advanceHighWatermark(p: PartitionState): void {
    const log = this.leaderLog(p);
    if (!log) return;
    const key = `${p.topic}/${p.partition}`;
    const members = this.faults.earlyHighWatermark ? [p.leader!] : p.isr;
    if (!this.faults.earlyHighWatermark && p.isr.length < Math.min(p.minInsync, p.replicas.length)) return;
    const minimum = Math.min(...members.map((b) => this.logOf(b, key).entries.length));
    if (minimum > log.highWatermark) log.highWatermark = minimum;
  }

  /** Answers parked acks=all produces the high watermark now covers, fails those of a deposed leader or past the timeout. */
  completeParked(nowMs: number): ProduceResponse[] {
    const answers: ProduceResponse[] = [];
    this.#parked = this.#parked.filter((parked) => {
      const p = this.partitions.get(parked.key)!;
      const [topic, partition] = splitKey(parked.key);
      const reply = (error: ErrorName, baseOffset = -1): false => {
        answers.push({
          type: 'produce-response',
          request: parked.request,
          producer: parked.producer,
          topic,
          partition,
          acks: -1,
          error,
          baseOffset,
          values: parked.values,
        });
        return false;
      };
      const log = this.leaderLog(p);
      if (!log || p.epoch !== parked.epoch) return reply('NOT_LEADER_OR_FOLLOWER');
      if (log.highWatermark >= parked.baseOffset + parked.values.length)
        return p.isr.length < p.minInsync
          ? reply('NOT_ENOUGH_REPLICAS_AFTER_APPEND', parked.baseOffset)
          : reply('NONE', parked.baseOffset);
      if (nowMs >= parked.deadlineMs) return reply('REQUEST_TIMED_OUT');
      return true;
    });
    return answers;
  }

  /** Followers fetch once: truncate to where their log agrees with the leader's epochs, then copy. */
  replicate(filter: (p: PartitionState) => boolean, nowMs: number): void {
    for (const p of this.partitions.values()) {
      if (!filter(p)) continue;
      const leaderLog = this.leaderLog(p);
      if (!leaderLog) continue;
      const key = `${p.topic}/${p.partition}`;
      for (const follower of p.replicas) {
        if (follower === p.leader || !this.brokers.get(follower)!.alive) continue;
        const log = this.logOf(follower, key);
        let agree = 0;
        while (
          agree < log.entries.length &&
          agree < leaderLog.entries.length &&
          log.entries[agree]!.epoch === leaderLog.entries[agree]!.epoch &&
          log.entries[agree]!.value === leaderLog.entries[agree]!.value
        )
          agree++;
        log.entries.length = agree;
        log.flushed = Math.min(log.flushed, agree);
        log.entries.push(...leaderLog.entries.slice(agree));
        log.highWatermark = Math.min(leaderLog.highWatermark, log.entries.length);
        p.caughtUpMs.set(follower, nowMs);
        if (!p.isr.includes(follower) && log.entries.length >= leaderLog.highWatermark) p.isr.push(follower);
      }
      this.advanceHighWatermark(p);
    }
  }

  /** Followers not caught up within replica.lag.time.max.ms leave the ISR. */
  shrinkIsr(nowMs: number): void {
    for (const p of this.partitions.values()) {
      if (this.leaderLog(p) === undefined) continue;
      const leaderEnd = this.leaderLog(p)!.entries.length;
      p.isr = p.isr.filter((b) => {
        if (b === p.leader) return true;
        const end = this.logOf(b, `${p.topic}/${p.partition}`).entries.length;
        return end >= leaderEnd || nowMs - (p.caughtUpMs.get(b) ?? 0) <= this.lagMaxMs;
      });
      this.advanceHighWatermark(p);
    }
  }

  elect(p: PartitionState): void {
    const alive = (b: number) => this.brokers.get(b)!.alive;
    const clean = p.replicas.find((b) => alive(b) && p.isr.includes(b));
    if (clean !== undefined) {
      this.#lead(p, clean, p.isr);
      return;
    }
    const anyAlive = p.replicas.find(alive);
    if ((p.unclean || this.faults.silentUncleanElection) && anyAlive !== undefined) {
      this.#lead(p, anyAlive, [anyAlive]);
      return;
    }
    p.leader = null;
  }

  #lead(p: PartitionState, broker: number, isr: number[]): void {
    if (p.leader === broker && this.brokers.get(broker)!.alive) return;
    p.leader = broker;
    p.epoch += 1;
    p.isr = [...isr];
    const log = this.logOf(broker, `${p.topic}/${p.partition}`);
    log.highWatermark = Math.min(log.highWatermark, log.entries.length);
  }

  fail(broker: number, kind: 'clean-shutdown' | 'process-crash' | 'power-loss' | 'disk-loss'): void {
    const b = this.brokers.get(broker)!;
    if (kind === 'clean-shutdown') for (const log of b.logs.values()) log.flushed = log.entries.length;
    if (kind === 'power-loss') for (const log of b.logs.values()) log.entries.length = log.flushed;
    if (kind === 'disk-loss')
      for (const log of b.logs.values()) Object.assign(log, { entries: [], flushed: 0, highWatermark: 0 });
    if (kind === 'power-loss')
      for (const log of b.logs.values()) log.highWatermark = Math.min(log.highWatermark, log.entries.length);
    b.alive = false;
    for (const p of this.partitions.values()) {
      if (!p.replicas.includes(broker)) continue;
      if (p.isr.length > 1) p.isr = p.isr.filter((r) => r !== broker);
      if (p.leader === broker) this.elect(p);
    }
  }

  restart(broker: number): void {
    this.brokers.get(broker)!.alive = true;
    for (const p of this.partitions.values())
      if (p.leader === null || !this.brokers.get(p.leader)!.alive) this.elect(p);
  }

  flush(broker: number): void {
    for (const log of this.brokers.get(broker)!.logs.values()) log.flushed = log.entries.length;
  }
}

export function splitKey(key: string): [string, number] {
  const at = key.lastIndexOf('/');
  return [key.slice(0, at), Number(key.slice(at + 1))];
}

/** The toy's idempotence: the offset of the same batch already written, or a refusal, or -1 (append). */
function checkToySequence(
  log: ReplicaLog,
  producer: ToyProducerHeader,
): { written: number } | { error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'INVALID_PRODUCER_EPOCH' } {
  const mine = log.entries.flatMap((entry, offset) =>
    entry.producer?.producerId === producer.producerId ? [{ offset, header: entry.producer }] : [],
  );
  const same = mine.find(
    (e) =>
      e.header.producerEpoch === producer.producerEpoch && e.header.baseSequence === producer.baseSequence,
  );
  if (same) return { written: same.offset };
  const last = mine.at(-1);
  if (!last) return { written: -1 };
  if (producer.producerEpoch < last.header.producerEpoch) return { error: 'INVALID_PRODUCER_EPOCH' };
  const expected =
    producer.producerEpoch > last.header.producerEpoch
      ? 0
      : last.header.baseSequence + countOf(mine, last.header);
  return producer.baseSequence === expected ? { written: -1 } : { error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
}

function countOf(entries: readonly { header: ToyProducerHeader }[], header: ToyProducerHeader): number {
  return entries.filter((e) => e.header === header).length;
}
