// The replication machine compiled by hand for the explorer: the same guards, in the same order,
// calling the same actions as machine.ts, without XState's snapshot machinery (about 10x faster).
// machine.test.ts steps both side by side over random runs and requires identical results.
import {
  canFail,
  canRestart,
  cleanCandidate,
  electLeader,
  failBroker,
  restartBroker,
  uncleanCandidate,
} from './failures.ts';
import { canFetch, canLagOut, followerFetch, lagOut } from './fetch.ts';
import {
  appendAtLeader,
  completableProduce,
  completeProduce,
  notEnoughReplicas,
  rejectProduce,
} from './produce.ts';
import { canFlush, flushReplica } from './state.ts';
import {
  FAILURE_KINDS,
  type ReplicationEvent,
  type ReplicationSettings,
  type ReplicationState,
} from './types.ts';

export type MachineState = 'online' | 'offline';

export function machineState(state: ReplicationState): MachineState {
  return state.leader >= 0 ? 'online' : 'offline';
}

/** One event, exactly as the machine takes it; an event no transition accepts leaves the state unchanged. */
export function stepReplication(
  state: ReplicationState,
  event: ReplicationEvent,
  settings: ReplicationSettings,
): ReplicationState {
  const online = machineState(state) === 'online';
  switch (event.type) {
    case 'FLUSH':
      return canFlush(state, event.broker) ? flushReplica(state, event.broker) : state;
    case 'RESTART':
      return canRestart(state, event.broker) ? restartBroker(state, event.broker, settings) : state;
    case 'PRODUCE':
      if (!online) return state;
      return notEnoughReplicas(state, settings)
        ? rejectProduce(state, settings)
        : appendAtLeader(state, settings);
    case 'COMPLETE_PRODUCE':
      return online && completableProduce(state) ? completeProduce(state, settings) : state;
    case 'FETCH':
      return online && canFetch(state, event.broker) ? followerFetch(state, event.broker, settings) : state;
    case 'LAG_OUT':
      return online && canLagOut(state, event.broker) ? lagOut(state, event.broker, settings) : state;
    case 'FAIL':
      return canFail(state, event.broker, event.kind, settings)
        ? failBroker(state, event.broker, event.kind, settings)
        : state;
    case 'ELECT':
      if (online) return state;
      return cleanCandidate(state, event.broker) || uncleanCandidate(state, event.broker, settings)
        ? electLeader(state, event.broker, settings)
        : state;
  }
}

// Event objects are immutable, so one of each is made up front and shared by every state (the
// explorer asks for the enabled events of every state it expands; this keeps that allocation-free).
const PRODUCE: ReplicationEvent = { type: 'PRODUCE' };
const COMPLETE_PRODUCE: ReplicationEvent = { type: 'COMPLETE_PRODUCE' };
const MAX_BROKERS = 8;
const perBroker = <E>(make: (broker: number) => E): readonly E[] =>
  Array.from({ length: MAX_BROKERS }, (_, broker) => make(broker));
const FETCH = perBroker((broker): ReplicationEvent => ({ type: 'FETCH', broker }));
const LAG_OUT = perBroker((broker): ReplicationEvent => ({ type: 'LAG_OUT', broker }));
const FLUSH = perBroker((broker): ReplicationEvent => ({ type: 'FLUSH', broker }));
const RESTART = perBroker((broker): ReplicationEvent => ({ type: 'RESTART', broker }));
const ELECT = perBroker((broker): ReplicationEvent => ({ type: 'ELECT', broker }));
const FAIL = perBroker((broker) => FAILURE_KINDS.map((kind) => ({ type: 'FAIL', broker, kind }) as const));

/** The events some transition accepts in `state` (the explorer's branching), bounded by replicas x kinds. */
export function enabledEvents(state: ReplicationState, settings: ReplicationSettings): ReplicationEvent[] {
  if (state.replicas.length > MAX_BROKERS) throw new RangeError(`at most ${MAX_BROKERS} replicas`);
  const events: ReplicationEvent[] = [];
  const online = machineState(state) === 'online';
  if (online && state.nextValue <= settings.writes) events.push(PRODUCE);
  if (online && completableProduce(state)) events.push(COMPLETE_PRODUCE);
  for (let broker = 0; broker < state.replicas.length; broker++) {
    if (online && canFetch(state, broker)) events.push(FETCH[broker]!);
    if (online && canLagOut(state, broker)) events.push(LAG_OUT[broker]!);
    if (canFlush(state, broker)) events.push(FLUSH[broker]!);
    for (const event of FAIL[broker]!) if (canFail(state, broker, event.kind, settings)) events.push(event);
    if (canRestart(state, broker)) events.push(RESTART[broker]!);
    if (!online && (cleanCandidate(state, broker) || uncleanCandidate(state, broker, settings)))
      events.push(ELECT[broker]!);
  }
  return events;
}

export function describeReplicationEvent(event: ReplicationEvent): string {
  switch (event.type) {
    case 'PRODUCE':
      return 'produce to the leader';
    case 'COMPLETE_PRODUCE':
      return 'answer the acks=all produces the HW has passed';
    case 'FETCH':
      return `broker ${event.broker} fetches from the leader`;
    case 'LAG_OUT':
      return `broker ${event.broker} lags past replica.lag.time.max.ms and leaves the ISR`;
    case 'FLUSH':
      return `broker ${event.broker} flushes its log to disk`;
    case 'FAIL':
      return `broker ${event.broker} fails: ${event.kind}`;
    case 'RESTART':
      return `broker ${event.broker} restarts`;
    case 'ELECT':
      return `broker ${event.broker} is elected leader`;
  }
}
