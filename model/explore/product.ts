// The interleaving product of independent models: a state is one state per part, an event is one
// part's event, the key joins the parts' keys (each part's own symmetry reduction still applies,
// since the parts share nothing), and every part's invariants hold in every product state.
import type { ExplorableModel, Invariant } from '../explorable.ts';

export interface ProductEvent {
  readonly part: number;
  readonly event: unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: parts have unrelated state and event types
type AnyModel = ExplorableModel<any, any>;

export function productModel(
  name: string,
  parts: readonly AnyModel[],
): ExplorableModel<readonly unknown[], ProductEvent> {
  // Event wrappers are cached per part event object, so models that share event objects stay allocation-free.
  const wrappers = parts.map(() => new WeakMap<object, ProductEvent>());
  const wrap = (part: number, event: unknown): ProductEvent => {
    if (typeof event !== 'object' || event === null) return { part, event };
    let wrapped = wrappers[part]!.get(event);
    if (!wrapped) {
      wrapped = { part, event };
      wrappers[part]!.set(event, wrapped);
    }
    return wrapped;
  };
  const baseNames = parts.map((model) => model.name.replace(/\(.*$/, ''));
  const invariants: Invariant<readonly unknown[]>[] = parts.flatMap((model, part) =>
    model.invariants.map((invariant) => ({
      name: `${model.name}.${invariant.name}`,
      rules: invariant.rules,
      check: (state: readonly unknown[]) => invariant.check(state[part]),
    })),
  );
  return {
    name,
    initial: () => parts.map((model) => model.initial()),
    events: (state) =>
      parts.flatMap((model, part) => model.events(state[part]).map((event) => wrap(part, event))),
    step: (state, { part, event }) => {
      const next = state.slice();
      next[part] = parts[part]!.step(state[part], event);
      return next;
    },
    // Length-prefixed, so a part's key may contain any character without making the join ambiguous.
    key: (state) =>
      parts
        .map((model, part) => {
          const key = model.key(state[part]);
          return `${key.length}:${key}`;
        })
        .join(''),
    invariants,
    describeEvent: ({ part, event }) => `[${parts[part]!.name}] ${parts[part]!.describeEvent(event)}`,
    // A part's state names without a machine id ('Stable') are qualified with the part's name ('group.Stable').
    stateNames: (state) =>
      parts.flatMap((model, part) =>
        (model.stateNames?.(state[part]) ?? []).map((name) =>
          name.includes('.') ? name : `${baseNames[part]}.${name}`,
        ),
      ),
  };
}
