// The system model: the group, commit and replication models explored together as an interleaving
// product (every interleaving of their events, each part's invariants checked in every state).
// The parts do not yet interact: commits are not written to a replicated __consumer_offsets
// partition and replication leadership does not move the group coordinator.
import type { LoadedModel, ModelOptions } from './loaded-model.ts';
import { commitPart, groupPart, replicationPart } from './parts.ts';
import { productModel } from './product.ts';

export function systemModel(options: ModelOptions): LoadedModel {
  const parts: LoadedModel[] = [groupPart(options), commitPart(options), replicationPart(options)];
  const name = `system(${parts.map((part) => part.model.name).join('+')})`;
  return {
    model: productModel(
      name,
      parts.map((part) => part.model),
    ),
    machines: parts.flatMap((part) => part.machines),
  };
}
