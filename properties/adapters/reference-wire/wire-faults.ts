// Bugs that live only in the wire handlers (impl/broker), planted around the served handler so a
// test can show the main job's wire leg catches what the in-process path never executes. Chosen
// with `KSPEC_WIRE_FAULT=<name>` (read by resolve.ts for `reference:wire`, so it also reaches
// `kspec check`'s worker processes); never set outside tests.
import type { BrokerHandler } from '../../../impl/server/handler.ts';

type Wrap = (handler: BrokerHandler) => BrokerHandler;

/**
 * How the main job must report it: a lockstep finding (an answer differs from the model's) or a
 * crash (the broker failed handling a request, which the client alone might have shrugged off).
 */
export type CaughtAs = 'finding' | 'crash';

export const WIRE_FAULTS: Readonly<
  Record<string, { readonly description: string; readonly caughtAs: CaughtAs; readonly wrap: Wrap }>
> = {
  'list-offsets-latest-plus-one': {
    description: 'ListOffsets for the latest offset (-1) answers one past the high watermark',
    caughtAs: 'finding',
    wrap: (handler) => ({
      ...handler,
      listOffsets: async (request, context) => {
        const response = await handler.listOffsets(request, context);
        for (const [t, topic] of response.topics.entries())
          for (const [p, partition] of topic.partitions.entries())
            if (request.topics[t]?.partitions[p]?.timestamp === -1 && partition.offset !== undefined)
              partition.offset += 1;
        return response;
      },
    }),
  },
  'fetch-out-of-range-as-empty': {
    description: 'Fetch past the log end answers NONE with no records instead of OFFSET_OUT_OF_RANGE',
    caughtAs: 'finding',
    wrap: (handler) => ({
      ...handler,
      fetch: async (request, context) => {
        const response = await handler.fetch(request, context);
        for (const topic of response.responses)
          for (const partition of topic.partitions) if (partition.errorCode === 1) partition.errorCode = 0;
        return response;
      },
    }),
  },
  'metadata-all-topics-fails': {
    // A survivor of the Stryker sample (docs/mutation-report.md, metadata-handlers.ts:37): the
    // client's controller lookup fell back to any broker and nothing noticed.
    description: 'Metadata for every topic (topics null) fails inside the handler',
    caughtAs: 'crash',
    wrap: (handler) => ({
      ...handler,
      metadata: async (request, context) => {
        if (request.topics === null) throw new TypeError("Cannot read properties of null (reading 'map')");
        return handler.metadata(request, context);
      },
    }),
  },
};

export function wireFault(name: string): Wrap {
  const fault = WIRE_FAULTS[name];
  if (!fault)
    throw new Error(`unknown wire fault '${name}' (expected one of: ${Object.keys(WIRE_FAULTS).join(', ')})`);
  return fault.wrap;
}
