// The replication model as an ExplorableModel for `kspec explore --model replication`.
import { initialTransition, transition } from 'xstate';
import type { ExplorableModel } from '../explorable.ts';
import { replicationInvariants } from './invariants.ts';
import { replicationKey } from './key.ts';
import { replicationMachine } from './machine.ts';
import { type ReplicationModelOptions, replicationSettings } from './settings.ts';
import { initialReplicationState } from './state.ts';
import { describeReplicationEvent, enabledEvents, machineState, stepReplication } from './step.ts';
import type { ReplicationEvent, ReplicationState } from './types.ts';

export interface ReplicationExploreOptions extends ReplicationModelOptions {
  /**
   * 'direct' (default) steps the hand-compiled transition function; 'xstate' steps the XState
   * machine with `transition()` (the same result, checked by machine.test.ts, about 10x slower).
   */
  readonly engine?: 'direct' | 'xstate';
}

// Constant arrays: the explorer asks for the names of every state it steps through.
const ONLINE: readonly string[] = ['replication.online'];
const OFFLINE: readonly string[] = ['replication.offline'];

export function replicationModel(
  options: ReplicationExploreOptions = {},
): ExplorableModel<ReplicationState, ReplicationEvent> {
  const settings = replicationSettings(options);
  const step =
    options.engine === 'xstate'
      ? (() => {
          const [start] = initialTransition(replicationMachine, settings);
          return (state: ReplicationState, event: ReplicationEvent) => {
            const snapshot = replicationMachine.resolveState({
              ...start,
              value: machineState(state),
              context: { partition: state, settings },
            });
            return transition(replicationMachine, snapshot, event)[0].context.partition;
          };
        })()
      : (state: ReplicationState, event: ReplicationEvent) => stepReplication(state, event, settings);
  return {
    name: 'replication',
    initial: () => initialReplicationState(settings),
    events: (state) => enabledEvents(state, settings),
    step,
    key: (state) => replicationKey(state, settings.powerLossBudget),
    invariants: replicationInvariants,
    describeEvent: describeReplicationEvent,
    stateNames: (state) => (machineState(state) === 'online' ? ONLINE : OFFLINE),
  };
}
