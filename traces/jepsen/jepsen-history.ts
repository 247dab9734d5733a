// A kspec run's client history as the operations jepsen.tests.kafka and Elle read (the namespace
// docstring of jepsen/src/jepsen/tests/kafka.clj): each topic-partition becomes an integer key;
//   produce   -> {:f :send, :value [[:send k v] ...]}, completed :ok as [[:send k [offset v]] ...],
//                :fail when the broker refused it before appending, :info when the outcome is unknown
//   poll      -> {:f :poll, :value [[:poll]]}, completed :ok as [[:poll {k [[offset v] ...]}]]
//   fetch     -> the same :poll shape (a read of one assigned partition)
//   join      -> {:f :subscribe, :value [k ...]} (the keys of the topics the member subscribes to)
// An invocation's completion is the observation answering it (possibly steps later); one never
// answered ends as :info. A client with an operation still open invokes as a new process, as
// Jepsen's own processes do, so every process has at most one operation in flight.
import type { Trace } from '../../spec/trace.ts';
import { type Edn, EdnMap, isKeyword, kw, writeEdn } from './edn.ts';

export type OpType = 'invoke' | 'ok' | 'fail' | 'info';
export type OpF = 'send' | 'poll' | 'subscribe' | 'assign';

export interface JepsenOp {
  readonly index: number;
  /** Nanoseconds since the run started (kspec's simulated milliseconds, scaled). */
  readonly time: number;
  readonly type: OpType;
  readonly process: number;
  readonly f: OpF;
  readonly value: Edn;
}

export interface JepsenHistory {
  readonly ops: readonly JepsenOp[];
  /** Key -> "topic-partition". */
  readonly keys: ReadonlyMap<number, string>;
}

/** Errors with which Kafka refuses a produce before anything is appended: the write did not happen. */
const NOT_WRITTEN = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'NOT_ENOUGH_REPLICAS',
  'INVALID_REQUIRED_ACKS',
  'CORRUPT_MESSAGE',
  'INVALID_RECORD',
  'RECORD_LIST_TOO_LARGE',
  'MESSAGE_TOO_LARGE',
  'LEADER_NOT_AVAILABLE',
  'FENCED_LEADER_EPOCH',
  'BROKER_NOT_AVAILABLE',
  'TOPIC_AUTHORIZATION_FAILED',
]);

interface Open {
  readonly process: number;
  readonly client: string;
  readonly f: OpF;
  readonly invokeValue: Edn;
}

export function jepsenHistory(trace: Trace): JepsenHistory {
  const keyOf = new Map<string, number>();
  const keys = new Map<number, string>();
  const partitionsOf = new Map<string, Set<number>>();
  const key = (topic: string, partition: number): number => {
    const name = `${topic}-${partition}`;
    let found = keyOf.get(name);
    if (found === undefined) {
      found = keyOf.size;
      keyOf.set(name, found);
      keys.set(found, name);
    }
    if (!partitionsOf.has(topic)) partitionsOf.set(topic, new Set());
    partitionsOf.get(topic)!.add(partition);
    return found;
  };
  // Every partition a run names, so a subscription lists all the keys of its topics.
  for (const step of trace.steps) {
    const event = step.event as { type: string; topic?: string; partition?: number; partitions?: number };
    if (event.type === 'create-topic' && event.topic && event.partitions)
      for (let p = 0; p < event.partitions; p++) key(event.topic, p);
    if ((event.type === 'produce' || event.type === 'fetch') && event.topic && event.partition !== undefined)
      key(event.topic, event.partition);
    for (const observation of step.observations ?? []) {
      const records = (observation as { records?: { topic?: string; partition?: number }[] }).records ?? [];
      for (const record of records)
        if (record.topic !== undefined && record.partition !== undefined) key(record.topic, record.partition);
    }
  }

  const ops: JepsenOp[] = [];
  const open = new Map<number, Open>();
  const busy = new Set<number>();
  const processesOf = new Map<string, number[]>();
  let nextProcess = 0;
  let lastTime = -1;
  const timeAt = (ms: number) => {
    lastTime = Math.max(lastTime + 1, ms * 1_000_000);
    return lastTime;
  };
  const processFor = (client: string): number => {
    const owned = processesOf.get(client) ?? [];
    processesOf.set(client, owned);
    const free = owned.find((process) => !busy.has(process));
    if (free !== undefined) return free;
    owned.push(nextProcess);
    return nextProcess++;
  };
  const emit = (timeMs: number, type: OpType, process: number, f: OpF, value: Edn) =>
    ops.push({ index: ops.length, time: timeAt(timeMs), type, process, f, value });
  const invoke = (seq: number, timeMs: number, client: string, f: OpF, value: Edn) => {
    const process = processFor(client);
    busy.add(process);
    open.set(seq, { process, client, f, invokeValue: value });
    emit(timeMs, 'invoke', process, f, value);
  };
  const complete = (seq: number, timeMs: number, type: OpType, value: Edn) => {
    const invoked = open.get(seq);
    if (!invoked) return;
    open.delete(seq);
    busy.delete(invoked.process);
    emit(timeMs, type, invoked.process, invoked.f, value);
  };

  for (const step of trace.steps) {
    const event = step.event as Record<string, unknown> & { type: string };
    if (event.type === 'produce') {
      const k = key(event['topic'] as string, event['partition'] as number);
      const values = event['values'] as string[];
      invoke(
        step.seq,
        step.timeMs,
        event['producer'] as string,
        'send',
        values.map((v) => [kw('send'), k, v]),
      );
    } else if (event.type === 'poll' || event.type === 'fetch') {
      invoke(step.seq, step.timeMs, event['client'] as string, 'poll', [[kw('poll')]]);
    } else if (event.type === 'join') {
      const topics = (event['protocols'] as { topics: string[] }[]).flatMap((protocol) => protocol.topics);
      const subscribed = [...new Set(topics)].flatMap((topic) =>
        [...(partitionsOf.get(topic) ?? [])].sort((a, b) => a - b).map((p) => key(topic, p)),
      );
      invoke(step.seq, step.timeMs, event['client'] as string, 'subscribe', subscribed);
    }
    for (const observation of step.observations ?? []) {
      const answer = observation as Record<string, unknown> & { type: string; request: number };
      const invoked = open.get(answer.request);
      if (!invoked) continue;
      if (answer.type === 'produce-response') {
        const error = answer['error'] as string;
        const k = key(answer['topic'] as string, answer['partition'] as number);
        const values = answer['values'] as string[];
        const base = answer['baseOffset'] as number;
        if (error === 'NONE' && base >= 0)
          complete(
            answer.request,
            step.timeMs,
            'ok',
            values.map((v, i) => [kw('send'), k, [base + i, v]]),
          );
        else
          complete(
            answer.request,
            step.timeMs,
            NOT_WRITTEN.has(error) ? 'fail' : 'info',
            invoked.invokeValue,
          );
      } else if (answer.type === 'poll-result' || answer.type === 'fetch-response') {
        const failed =
          answer.type === 'poll-result' ? answer['exception'] !== null : answer['error'] !== 'NONE';
        if (failed) {
          complete(answer.request, step.timeMs, 'fail', invoked.invokeValue);
          continue;
        }
        const records = (
          answer['records'] as { topic?: string; partition?: number; offset: number; value: string }[]
        ).map((r) => ({
          ...r,
          topic: r.topic ?? (answer['topic'] as string),
          partition: r.partition ?? (answer['partition'] as number),
        }));
        const byKey = new Map<number, Edn[]>();
        for (const record of records) {
          const k = key(record.topic, record.partition);
          if (!byKey.has(k)) byKey.set(k, []);
          byKey.get(k)!.push([record.offset, record.value]);
        }
        complete(answer.request, step.timeMs, 'ok', [[kw('poll'), new EdnMap([...byKey])]]);
      } else if (answer.type === 'join-response') {
        complete(
          answer.request,
          step.timeMs,
          answer['error'] === 'NONE' ? 'ok' : 'fail',
          invoked.invokeValue,
        );
      }
    }
  }
  const endMs = trace.steps[trace.steps.length - 1]?.timeMs ?? 0;
  for (const seq of [...open.keys()]) complete(seq, endMs, 'info', open.get(seq)!.invokeValue);
  return { ops, keys };
}

/** One op as a history.edn line. */
export function opToEdn(op: JepsenOp): string {
  return writeEdn(
    new EdnMap([
      [kw('index'), op.index],
      [kw('time'), op.time],
      [kw('type'), kw(op.type)],
      [kw('process'), op.process],
      [kw('f'), kw(op.f)],
      [kw('value'), op.value],
    ]),
  );
}

/** history.edn: one op per line, as Jepsen's store writes it. */
export function historyEdn(history: JepsenHistory): string {
  return history.ops.map((op) => `${opToEdn(op)}\n`).join('');
}

/** Reads a history.edn line back into an op; throws on a line that is not an op of this shape. */
export function opFromEdn(map: Edn): JepsenOp {
  if (!(map instanceof EdnMap)) throw new TypeError('a history line must be a map');
  const field = (name: string) => map.get(kw(name));
  const name = (value: Edn | undefined) => {
    if (!isKeyword(value))
      throw new TypeError(`expected a keyword, got ${value === undefined ? 'nothing' : writeEdn(value)}`);
    return value.keyword;
  };
  const integer = (value: Edn | undefined) => {
    if (typeof value !== 'number') throw new TypeError('expected an integer');
    return value;
  };
  return {
    index: integer(field('index')),
    time: integer(field('time')),
    type: name(field('type')) as OpType,
    process: integer(field('process')),
    f: name(field('f')) as OpF,
    value: field('value') ?? null,
  };
}
