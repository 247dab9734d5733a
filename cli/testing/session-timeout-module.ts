// A module adapter for CLI tests: the reference cluster, except that a JoinGroup refused
// INVALID_SESSION_TIMEOUT (GC-5) is answered NONE, so validate must blame GC-5 alone, once.

import { createReferenceSystem } from '../../properties/adapters/reference/index.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';

export function createSystem(): SystemUnderTest {
  const system = createReferenceSystem();
  return {
    capabilities: () => system.capabilities(),
    reset: (setup) => system.reset(setup),
    apply: async (event, seq) =>
      (await system.apply(event, seq)).map((answer) =>
        answer.type === 'join-response' && answer.error === 'INVALID_SESSION_TIMEOUT'
          ? { ...answer, error: 'NONE' }
          : answer,
      ),
    inspect: () => system.inspect!(),
    close: () => system.close(),
  };
}
