// A module adapter whose system throws on the tenth event of every run, as a buggy adapter would:
// validate must report the suite as an error in one line (the exception's message, no stack).
import type { SystemUnderTest } from '../../spec/sut.ts';
import { createReferenceSystem } from '../adapters/reference/index.ts';

export function createSystem(): SystemUnderTest {
  const system = createReferenceSystem();
  return {
    capabilities: () => system.capabilities(),
    reset: (setup) => system.reset(setup),
    apply: (event, seq) => {
      if (seq === 9) throw new Error('the adapter lost its connection');
      return system.apply(event, seq);
    },
    inspect: () => system.inspect!(),
    close: () => system.close(),
  };
}
