// The models `kspec explore --model NAME` can walk, each built from the same options.
import type { LoadedModel, ModelOptions } from './loaded-model.ts';
import { commitPart, groupPart, replicationPart } from './parts.ts';
import { systemModel } from './system.ts';

export type { LoadedModel, ModelOptions } from './loaded-model.ts';

export const MODEL_NAMES = ['group', 'commit', 'replication', 'system'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export async function loadModel(name: ModelName, options: ModelOptions): Promise<LoadedModel> {
  switch (name) {
    case 'replication':
      return replicationPart(options);
    case 'group':
      return groupPart(options);
    case 'commit':
      return commitPart(options);
    case 'system':
      return systemModel(options);
  }
}
