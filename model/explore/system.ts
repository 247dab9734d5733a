// The system model: the group, commit and replication models explored together as an interleaving
// product (every interleaving of their events, each part's invariants checked in every state).
// The parts do not yet interact: commits are not written to a replicated __consumer_offsets
// partition and replication leadership does not move the group coordinator. The commit model is
// included when it exists.
import { productModel } from './product.ts';
import { type LoadedModel, loadModel, type ModelOptions, ModelUnavailableError } from './registry.ts';

export async function systemModel(options: ModelOptions): Promise<LoadedModel> {
  const parts: LoadedModel[] = [await loadModel('group', options)];
  try {
    parts.push(await loadModel('commit', options));
  } catch (error) {
    if (!(error instanceof ModelUnavailableError)) throw error;
  }
  parts.push(await loadModel('replication', options));
  const name = `system(${parts.map((part) => part.model.name).join('+')})`;
  return {
    model: productModel(
      name,
      parts.map((part) => part.model),
    ),
    machines: parts.flatMap((part) => part.machines),
  };
}
