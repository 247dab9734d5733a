// A test double for `--adapter module:traces/testing/recorded-system.ts`: a "system" that answers
// each event with the answers a trace recorded for it (the trace named by KSPEC_RECORDED_TRACE), or,
// with KSPEC_RECORDED_USE_MODEL=1, with the model's recorded answers where the trace has them. It
// exists to test replay and the CLI without a real system; it checks nothing by itself.
import type { Event } from '../../spec/events.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';
import { CONTRACT_VERSION } from '../../spec/version.ts';
import { readTrace } from '../export.ts';

export function createSystem(): SystemUnderTest {
  const path = process.env.KSPEC_RECORDED_TRACE;
  if (!path) throw new Error('KSPEC_RECORDED_TRACE is not set');
  const trace = readTrace(path);
  const useModel = process.env.KSPEC_RECORDED_USE_MODEL === '1';
  return {
    async capabilities() {
      return {
        contractVersion: CONTRACT_VERSION,
        name: 'recorded',
        events: [],
        inspect: false,
        deterministic: true,
      };
    },
    async reset() {},
    async apply(_event: Event, seq: number) {
      const step = trace.steps[seq];
      return structuredClone((useModel ? step?.modelObservations : undefined) ?? step?.observations ?? []);
    },
    async close() {},
  };
}
