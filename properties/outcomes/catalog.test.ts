// The committed catalog is what the model derives today (regenerate with npm run -s outcomes).
import test from 'ava';
import { reachableOutcomes } from '../../model/explore/outcomes.ts';
import { REACHABLE_OUTCOMES } from './catalog.ts';

test('the outcome catalog is up to date with the model', (t) => {
  t.deepEqual([...REACHABLE_OUTCOMES], reachableOutcomes(), 'stale: run npm run -s outcomes');
});
