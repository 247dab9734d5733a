// The models `kspec explore --model NAME` can walk, each built from the same options. The group
// and commit models live in model/group and model/offsets (another owner); they are loaded lazily
// and reported as not available when their factory does not exist yet.
import type { AnyStateMachine } from 'xstate';
import type { Config } from '../../spec/config.ts';
import type { ExplorableModel } from '../explorable.ts';

export const MODEL_NAMES = ['group', 'commit', 'replication', 'system'] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

export interface ModelOptions {
  readonly members?: number;
  readonly partitions?: number;
  readonly replicas?: number;
  readonly writes?: number;
  /** group/system: bound on the member ids the coordinator hands out (fresh joins) in one run. */
  readonly maxMemberIds?: number;
  readonly config: Config;
  readonly engine?: 'direct' | 'xstate';
}

export interface LoadedModel {
  // biome-ignore lint/suspicious/noExplicitAny: the explorer is generic over each model's own state and event types
  readonly model: ExplorableModel<any, any>;
  /** XState machines whose states and transitions the coverage figures count, when the model has them. */
  readonly machines: readonly AnyStateMachine[];
}

/** A model that cannot be built (not written yet, or options it cannot take): a usage problem, not a crash. */
export class ModelUnavailableError extends Error {
  override name = 'ModelUnavailableError';
}

type Factory = (options: Record<string, unknown>) => ExplorableModel<unknown, unknown>;

// Looks for an exported factory among candidate modules without a static import, so this file
// type-checks and runs before the other owner's module exists.
async function findFactory(
  name: string,
  candidates: readonly string[],
): Promise<{ factory: Factory; module: Record<string, unknown> }> {
  for (const candidate of candidates) {
    let module: Record<string, unknown>;
    try {
      module = (await import(new URL(candidate, import.meta.url).href)) as Record<string, unknown>;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') continue;
      throw error;
    }
    if (typeof module[name] === 'function') return { factory: module[name] as Factory, module };
  }
  throw new ModelUnavailableError(
    `the ${name.replace(/Model$/, '')} model is not available yet (no ${name}() export found)`,
  );
}

const machinesIn = (module: Record<string, unknown>): AnyStateMachine[] =>
  Object.values(module).filter(
    (value): value is AnyStateMachine =>
      typeof value === 'object' &&
      value !== null &&
      (value as { root?: unknown }).root !== undefined &&
      'config' in value,
  );

export async function loadModel(name: ModelName, options: ModelOptions): Promise<LoadedModel> {
  switch (name) {
    case 'replication': {
      const { replicationModel } = await import('../replication/model.ts');
      const { replicationMachine } = await import('../replication/machine.ts');
      return { model: replicationModel(options), machines: [replicationMachine] };
    }
    case 'group': {
      const { factory, module } = await findFactory('groupModel', [
        '../group/explore-model.ts',
        '../group/index.ts',
      ]);
      return { model: factory({ ...options }), machines: machinesIn(module) };
    }
    case 'commit': {
      const { factory, module } = await findFactory('commitModel', [
        '../offsets/explore-model.ts',
        '../offsets/index.ts',
        '../consumer/explore-model.ts',
        '../consumer/index.ts',
        '../group/explore-model.ts',
      ]);
      return { model: factory({ ...options }), machines: machinesIn(module) };
    }
    case 'system': {
      const { systemModel } = await import('./system.ts');
      return systemModel(options);
    }
  }
}
