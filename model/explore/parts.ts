// The three models the explorer walks on their own and the system model composes: group
// (model/group), commit (model/offsets) and replication (model/replication). The group and commit
// models are plain step functions, so their coverage figures count no XState machine.
import { groupModel } from '../group/explore-model.ts';
import { commitModel } from '../offsets/commit-model.ts';
import { replicationMachine } from '../replication/machine.ts';
import { replicationModel } from '../replication/model.ts';
import type { LoadedModel, ModelOptions } from './loaded-model.ts';

export const groupPart = (options: ModelOptions): LoadedModel => ({
  model: groupModel({ ...options }),
  machines: [],
});

export const commitPart = (options: ModelOptions): LoadedModel => ({
  model: commitModel({ ...options }),
  machines: [],
});

export const replicationPart = (options: ModelOptions): LoadedModel => ({
  model: replicationModel(options),
  machines: [replicationMachine],
});
