import test from 'ava';
import { samePlainData } from './same-plain-data.ts';

test('plain data: equal by content, through nesting, whatever the identity', (t) => {
  t.true(samePlainData({ a: [1, { b: 'x' }], c: null }, { a: [1, { b: 'x' }], c: null }));
  t.true(samePlainData([], []));
  t.false(samePlainData({ a: [1, 2] }, { a: [1, 3] }));
  t.false(samePlainData({ a: 1 }, { a: 1, b: undefined }), 'an extra key differs');
  t.false(samePlainData({ a: 1, b: 2 }, { a: 1, c: 2 }));
  t.false(samePlainData([1], { 0: 1 }), 'an array is not an object with index keys');
  t.false(samePlainData(null, {}));
  t.false(samePlainData(1, '1'));
});
