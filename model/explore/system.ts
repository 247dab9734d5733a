// The system model: the group, commit and replication models side by side.
import type { LoadedModel, ModelOptions } from './registry.ts';
import { ModelUnavailableError } from './registry.ts';

export async function systemModel(_options: ModelOptions): Promise<LoadedModel> {
  throw new ModelUnavailableError(
    'the system model (group + commit + replication composed) is not available yet',
  );
}
