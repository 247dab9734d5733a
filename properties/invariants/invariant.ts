// A state invariant over inspect() snapshots (spec/state.ts). Some compare with the previous
// snapshot (monotonicity). One invariant per file, each naming its property (and so its rule ids).
import type { Config } from '../../spec/config.ts';
import type { SystemState } from '../../spec/state.ts';
import type { PropertyName } from '../rules.ts';

export interface StateInvariant {
  readonly name: PropertyName;
  /** A message describing the violation, or undefined when the snapshot satisfies the invariant. */
  check(current: SystemState, previous: SystemState | undefined, config: Config): string | undefined;
}
