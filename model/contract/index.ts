// The data-plane model as a lockstep oracle (see README.md).
export {
  DATA_PLANE_EVENTS,
  DATA_PLANE_OBSERVES,
  DATA_PLANE_UNAFFECTED_BY,
  DataPlaneModel,
  dataPlaneModel,
} from './data-plane-model.ts';
export type { World } from './world.ts';
