// A handler for wire-layer tests only: each test supplies the methods it exercises; any other
// API throws (which the server turns into a logged connection close).
import type { BrokerHandler } from '../handler.ts';

export function testHandler(methods: Partial<BrokerHandler>): BrokerHandler {
  return new Proxy(methods as BrokerHandler, {
    get(target, property) {
      const method = (target as Record<string | symbol, unknown>)[property];
      if (method) return method;
      return async () => {
        throw new Error(`test handler does not implement ${String(property)}`);
      };
    },
  });
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
