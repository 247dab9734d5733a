// One command arbitrary for a swarm run: the kind is drawn with the steering's current weights
// (read when fast-check generates the run, so later runs see the earlier runs' outcomes), and the
// command is tagged with its kind so that a run's swarm can leave the kind out.
import fc from 'fast-check';
import { arbitraries } from '../commands/arbitraries.ts';
import type { RunCommand } from '../commands/command.ts';
import type { Steering } from './steering.ts';

export function steeredCommand(steering: Steering): fc.Arbitrary<RunCommand> {
  return fc.nat().chain((roll) => {
    const kind = steering.pick(roll);
    return arbitraries[kind].map((command) => command.ofKind(kind));
  });
}
