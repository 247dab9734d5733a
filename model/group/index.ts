// The group coordinator model's public surface.
export { coordinatorConfig, NEW_MEMBER_JOIN_TIMEOUT_MS } from './config.ts';
export { GroupModelSystem, groupModelSystem } from './contract-adapter.ts';
export { errorAnswer, frontDoorError, initialCoordinatorState, step } from './coordinator.ts';
export { GroupDriver, KAFKA_TEST_CONTEXT } from './driver.ts';
export { ChoiceNotAllowed } from './effects.ts';
export {
  describeGroupEvent,
  GROUP_ID,
  type GroupModelEvent,
  type GroupModelOptions,
  type GroupModelState,
  groupModel,
  roundRobinPlan,
  TOPIC,
} from './explore-model.ts';
export {
  acceptedCommitsAreCurrent,
  GROUP_INVARIANTS,
  generationMonotonic,
  groupStructure,
  onePartitionOwnerPerGeneration,
} from './invariants.ts';
export { OutsideModelScope } from './join.ts';
export {
  type GroupMachineContext,
  type GroupMachineEvent,
  type GroupMachineInput,
  groupMachine,
} from './machine.ts';
export {
  allTransitionPairs,
  IllegalGroupTransition,
  isLegalTransition,
  LEGAL_PREVIOUS_STATES,
  transitionTo,
} from './state-table.ts';
export type * from './types.ts';
