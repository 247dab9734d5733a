// Bugs that live only in the wire handlers (impl/broker), planted around the served handler so a
// test can show the main job's wire leg catches what the in-process path never executes. Chosen
// with `KSPEC_WIRE_FAULT=<name>` (read by resolve.ts for `reference:wire`, so it also reaches
// `kspec check`'s worker processes); never set outside tests.
import type { BrokerHandler } from '../../../impl/server/handler.ts';

type Wrap = (handler: BrokerHandler) => BrokerHandler;

export const WIRE_FAULTS: Readonly<Record<string, { readonly description: string; readonly wrap: Wrap }>> = {
  'list-offsets-latest-plus-one': {
    description: 'ListOffsets for the latest offset (-1) answers one past the high watermark',
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
};

export function wireFault(name: string): Wrap {
  const fault = WIRE_FAULTS[name];
  if (!fault)
    throw new Error(`unknown wire fault '${name}' (expected one of: ${Object.keys(WIRE_FAULTS).join(', ')})`);
  return fault.wrap;
}
