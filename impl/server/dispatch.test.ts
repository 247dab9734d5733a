// Mutated request frames never make dispatch throw: every frame ends as a response or a clean
// close, whatever bytes arrive (bit flips and truncations of valid requests of every API/version).
import test from 'ava';
import fc from 'fast-check';
import { encodeRequestFrame } from '../protocol/frame.ts';
import { APIS } from '../protocol/registry.ts';
import { arbitraryFor } from '../protocol/testing/arbitraries.ts';
import { dispatch } from './dispatch.ts';
import type { BrokerHandler } from './handler.ts';

/** Answers every API with its response schema's default value (all zeros, empty arrays). */
const defaultsHandler = new Proxy({} as BrokerHandler, {
  get(_target, property) {
    const api = Object.values(APIS).find(
      (candidate) => candidate.name.charAt(0).toLowerCase() + candidate.name.slice(1) === property,
    );
    return async () => api?.response.defaultValue();
  },
});

const info = { connectionId: 1, brokerId: 1, clientHost: '127.0.0.1', signal: new AbortController().signal };

const mutatedFrame = fc
  .constantFrom(...Object.values(APIS))
  .chain((api) =>
    fc
      .integer({ min: api.minVersion, max: api.maxVersion })
      .chain((version) =>
        fc.tuple(
          fc.constant(api),
          fc.constant(version),
          arbitraryFor(api.request, version, { maxArrayLength: 2 }),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
          fc.option(fc.nat(), { nil: undefined }),
        ),
      ),
  );

test('mutated frames of every API end as a response or a close, never an exception', async (t) => {
  let closes = 0;
  let responses = 0;
  await fc.assert(
    fc.asyncProperty(mutatedFrame, async ([api, version, body, flips, cut]) => {
      const frame = encodeRequestFrame(
        api,
        version,
        { correlationId: 9, clientId: 'fuzz' },
        body as never,
      ).subarray(4);
      const payload = Buffer.from(cut === undefined ? frame : frame.subarray(0, cut % (frame.length + 1)));
      for (const [position, value] of flips)
        if (payload.length > 0) payload[position % payload.length] = value;
      const outcome = await dispatch(payload, defaultsHandler, info);
      if (outcome.kind === 'close') closes++;
      else responses++;
      return outcome.kind === 'close' || outcome.kind === 'respond' || outcome.kind === 'silent';
    }),
    { seed: 2024, numRuns: 1500 },
  );
  t.true(closes > 0 && responses > 0, `closes ${closes}, responses ${responses}`);
});
