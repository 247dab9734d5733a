// Derived views of a history that several checkers share: what each producer sent and had
// acknowledged (under the application's send style), every read, the end-of-run log, the polls of
// each consumer and what the application processed. Built once per history.
import { type Config, enumSetting, intSetting } from '../../spec/config.ts';
import type { Observation, ObservationOf } from '../../spec/observations.ts';
import type { History, HistoryStep } from './history.ts';

export const partitionKey = (topic: string, partition: number): string => `${topic}-${partition}`;

export interface SendAttempt {
  readonly seq: number;
  readonly acks: number;
  /** The answer, if one arrived (acks=0 gets none). */
  readonly response?: ObservationOf<'produce-response'>;
}

/** One value the application asked to send, with every attempt (re-sends carry the same value). */
export interface SentValue {
  readonly value: string;
  readonly producer: string;
  readonly topic: string;
  readonly partition: number;
  /** Sent by an idempotent producer (its first send carried a producer id, epoch and sequence: IP-1). */
  readonly idempotent: boolean;
  readonly attempts: SendAttempt[];
  /** The seq of the attempt the application counts as delivered; undefined if none. */
  acknowledgedAt?: number;
  /** The offset the acknowledgement reported (undefined for acks=0 and fire-and-forget). */
  acknowledgedOffset?: number;
}

export interface Read {
  readonly seq: number;
  readonly key: string;
  readonly offset: number;
  readonly value: string;
  readonly final: boolean;
}

export interface PollRecord {
  readonly key: string;
  readonly offset: number;
  readonly value: string;
}

export interface Poll {
  readonly seq: number;
  readonly client: string;
  readonly group: string;
  readonly records: readonly PollRecord[];
  /** Rebalances (or crashes) of this client before this poll: polls with equal numbers share an assignment. */
  readonly assignmentEpoch: number;
}

export interface AcceptedCommit {
  readonly seq: number;
  readonly client: string;
  readonly group: string;
  readonly source: 'request' | 'auto' | 'consumer';
  readonly generation: number;
  readonly key: string;
  readonly offset: number;
}

export interface HistoryView {
  readonly history: History;
  readonly config: Config;
  readonly fireAndForget: boolean;
  readonly retries: number;
  readonly sent: ReadonlyMap<string, SentValue>;
  readonly reads: readonly Read[];
  /** The end-of-run log by partition (offset -> value), from the final phase's reads; absent when none. */
  readonly finalLog: ReadonlyMap<string, ReadonlyMap<number, string>>;
  readonly polls: readonly Poll[];
  /** (group, partition key, offset) of records the application finished processing. */
  readonly processed: ReadonlySet<string>;
  readonly commits: readonly AcceptedCommit[];
  readonly lastSeq: number;
}

export const recordKey = (group: string, key: string, offset: number): string => `${group}|${key}|${offset}`;

function observationsOf<T extends Observation['type']>(step: HistoryStep, type: T): ObservationOf<T>[] {
  return step.observations.filter((o): o is ObservationOf<T> => o.type === type);
}

function collectSends(history: History, fireAndForget: boolean): Map<string, SentValue> {
  const sent = new Map<string, SentValue>();
  const attemptsBySeq = new Map<number, SendAttempt[]>();
  for (const step of history.steps) {
    const event = step.event;
    if (event.type !== 'produce') continue;
    for (const value of event.values) {
      let entry = sent.get(value);
      if (!entry) {
        entry = {
          value,
          producer: event.producer,
          topic: event.topic,
          partition: event.partition,
          idempotent: event.idempotence !== undefined,
          attempts: [],
        };
        sent.set(value, entry);
      }
      const attempt: SendAttempt = { seq: step.seq, acks: event.acks };
      entry.attempts.push(attempt);
      const list = attemptsBySeq.get(step.seq) ?? [];
      list.push(attempt);
      attemptsBySeq.set(step.seq, list);
      if (entry.acknowledgedAt === undefined && (fireAndForget || event.acks === 0))
        entry.acknowledgedAt = step.seq;
    }
  }
  for (const step of history.steps) {
    for (const response of observationsOf(step, 'produce-response')) {
      response.values.forEach((value, index) => {
        const entry = sent.get(value);
        if (!entry) return;
        const at = entry.attempts.findIndex((a) => a.seq === response.request);
        if (at >= 0) entry.attempts[at] = { ...entry.attempts[at]!, response };
        if (response.error !== 'NONE' || entry.acknowledgedOffset !== undefined) return;
        if (fireAndForget && entry.acknowledgedAt !== undefined && entry.acknowledgedAt !== response.request)
          return;
        entry.acknowledgedAt ??= response.request;
        if (response.baseOffset >= 0) entry.acknowledgedOffset = response.baseOffset + index;
      });
    }
  }
  return sent;
}

function collectReads(history: History): Read[] {
  const reads: Read[] = [];
  for (const step of history.steps) {
    const final = step.phase === 'final';
    for (const fetch of observationsOf(step, 'fetch-response')) {
      const key = partitionKey(fetch.topic, fetch.partition);
      for (const record of fetch.records)
        reads.push({ seq: step.seq, key, offset: record.offset, value: record.value, final });
    }
    for (const poll of observationsOf(step, 'poll-result'))
      for (const record of poll.records)
        reads.push({
          seq: step.seq,
          key: partitionKey(record.topic, record.partition),
          offset: record.offset,
          value: record.value,
          final,
        });
  }
  return reads;
}

function collectFinalLog(history: History): Map<string, Map<number, string>> {
  const log = new Map<string, Map<number, string>>();
  for (const step of history.steps) {
    if (step.phase !== 'final') continue;
    for (const fetch of observationsOf(step, 'fetch-response')) {
      if (fetch.error !== 'NONE') continue;
      const key = partitionKey(fetch.topic, fetch.partition);
      const records = log.get(key) ?? new Map<number, string>();
      for (const record of fetch.records) records.set(record.offset, record.value);
      log.set(key, records);
    }
  }
  return log;
}

/** Events after which a client's assignment may have changed: its own membership and crash events. */
function changesAssignment(step: HistoryStep, client: string): boolean {
  const event = step.event;
  if (
    (event.type === 'join' ||
      event.type === 'sync' ||
      event.type === 'leave' ||
      event.type === 'consumer-crash') &&
    event.client === client
  )
    return true;
  return step.observations.some(
    (o) => (o.type === 'sync-response' || o.type === 'join-response') && o.client === client,
  );
}

function collectConsumption(history: History): { polls: Poll[]; processed: Set<string> } {
  const polls: Poll[] = [];
  const processed = new Set<string>();
  const epochs = new Map<string, number>();
  const unprocessed = new Map<string, { group: string; records: PollRecord[] }[]>();
  for (const step of history.steps) {
    for (const client of new Set([...epochs.keys(), ...clientsOf(step)]))
      if (changesAssignment(step, client)) epochs.set(client, (epochs.get(client) ?? 0) + 1);
    const event = step.event;
    if (event.type === 'consumer-crash') unprocessed.delete(event.client);
    if (event.type === 'process') {
      for (const batch of unprocessed.get(event.client) ?? [])
        for (const record of batch.records) processed.add(recordKey(batch.group, record.key, record.offset));
      unprocessed.delete(event.client);
    }
    for (const result of observationsOf(step, 'poll-result')) {
      const records = result.records.map((r) => ({
        key: partitionKey(r.topic, r.partition),
        offset: r.offset,
        value: r.value,
      }));
      polls.push({
        seq: step.seq,
        client: result.client,
        group: result.group,
        records,
        assignmentEpoch: epochs.get(result.client) ?? 0,
      });
      const list = unprocessed.get(result.client) ?? [];
      list.push({ group: result.group, records });
      unprocessed.set(result.client, list);
    }
  }
  return { polls, processed };
}

function clientsOf(step: HistoryStep): string[] {
  const event = step.event as { client?: string };
  return event.client ? [event.client] : [];
}

function collectCommits(history: History): AcceptedCommit[] {
  const commits: AcceptedCommit[] = [];
  for (const step of history.steps)
    for (const response of observationsOf(step, 'commit-response'))
      for (const partition of response.partitions)
        if (partition.error === 'NONE')
          commits.push({
            seq: step.seq,
            client: response.client,
            group: response.group,
            source: response.source,
            generation: response.generation,
            key: partitionKey(partition.topic, partition.partition),
            offset: partition.offset,
          });
  return commits;
}

export function viewOf(history: History): HistoryView {
  const fireAndForget = enumSetting(history.config, 'kspec.producer.send') === 'fire-and-forget';
  const { polls, processed } = collectConsumption(history);
  return {
    history,
    config: history.config,
    fireAndForget,
    retries: intSetting(history.config, 'retries'),
    sent: collectSends(history, fireAndForget),
    reads: collectReads(history),
    finalLog: collectFinalLog(history),
    polls,
    processed,
    commits: collectCommits(history),
    lastSeq: Math.max(0, history.steps.length - 1),
  };
}
