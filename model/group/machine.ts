// The group coordinator as an XState v5 machine (setup(), stepped with the pure transition()).
// One machine follows one group id: its state node is the group's state (Dead when the coordinator
// does not have the group, as DescribeGroups reports it). Every event runs the pure `step` in an
// assign action; eventless transitions then move the node to the group's new state. The moves a
// step made are checked against the state table inside `step` (transitionTo) and kept in context.
import { assign, setup } from 'xstate';
import { coordinatorConfig } from './config.ts';
import { initialCoordinatorState, step } from './coordinator.ts';
import type {
  Allowed,
  Answer,
  Choice,
  CoordinatorConfig,
  CoordinatorEvent,
  CoordinatorState,
  GroupState,
  StepResult,
} from './types.ts';

// Rules this file applies: GC-1, GC-2, GC-4.

export interface GroupMachineContext {
  readonly group: string;
  readonly coordinator: CoordinatorState;
  readonly answers: Answer[];
  readonly allowed: Allowed;
  readonly transitions: StepResult['transitions'];
}

/** A coordinator event, optionally with the choice (leader, protocol) a lockstep caller observed. */
export type GroupMachineEvent = CoordinatorEvent & { readonly choice?: Choice };

export interface GroupMachineInput {
  readonly group: string;
  readonly config?: CoordinatorConfig;
}

function groupStateOf(context: GroupMachineContext): GroupState {
  return context.coordinator.groups.find((group) => group.id === context.group)?.state ?? 'Dead';
}

const to = (state: GroupState) => ({
  target: `#group.${state}`,
  guard: { type: 'groupIs' as const, params: { state } },
});
const follow = [to('Empty'), to('PreparingRebalance'), to('CompletingRebalance'), to('Stable'), to('Dead')];

export const groupMachine = setup({
  types: {
    context: {} as GroupMachineContext,
    events: {} as GroupMachineEvent,
    input: {} as GroupMachineInput,
  },
  guards: {
    /** GC-1: the node mirrors the group's state after the step. */
    groupIs: ({ context }, params: { state: GroupState }) => groupStateOf(context) === params.state,
  },
  actions: {
    /** Deciding is `step` (pure); the action only stores what it decided. */
    applyStep: assign(({ context, event }) => {
      const { choice, ...coordinatorEvent } = event;
      const result = step(context.coordinator, coordinatorEvent as CoordinatorEvent, choice ?? {});
      return {
        coordinator: result.state,
        answers: result.answers,
        allowed: result.allowed,
        transitions: result.transitions,
      };
    }),
  },
}).createMachine({
  id: 'group',
  context: ({ input }) => ({
    group: input.group,
    coordinator: initialCoordinatorState(input.config ?? coordinatorConfig()),
    answers: [],
    allowed: {},
    transitions: [],
  }),
  initial: 'Dead',
  on: { '*': { actions: 'applyStep', target: '.Settling' } },
  states: {
    Settling: { always: follow },
    Empty: {},
    PreparingRebalance: {},
    CompletingRebalance: {},
    Stable: {},
    Dead: {},
  },
});
