// The mutant switches are off unless a cluster's config names one, and a bad name is refused.
import test from 'ava';
import { activateMutants, activeMutants, mutant } from './index.ts';

test('mutants are off by default and with kspec.mutant=none', (t) => {
  activateMutants({});
  t.false(mutant('commit-stale-generation'));
  activateMutants({ 'kspec.mutant': 'none' });
  t.deepEqual(activeMutants(), []);
});

test('naming a mutant switches on that one only, and a later cluster switches it off', (t) => {
  activateMutants({ 'kspec.mutant': 'hw-before-isr' });
  t.true(mutant('hw-before-isr'));
  t.false(mutant('truncate-to-hw'));
  activateMutants({});
  t.false(mutant('hw-before-isr'));
});

test('an unknown mutant name is refused with the list of names', (t) => {
  t.throws(() => activateMutants({ 'kspec.mutant': 'no-such-bug' }), {
    message: /unknown mutant 'no-such-bug'.*hw-before-isr/,
  });
});
