import test from 'ava';
import { seededRandom } from '../fs/random.ts';
import { checkRecords, decodeRecords, encodeRecords } from './record.ts';

// checkRecords (the append path's copy-free walk) must accept and refuse exactly what decodeRecords
// does, with the same message: intact sections, long varints, headers, and damaged copies.
const verdict = (run: () => unknown): string => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
};

test('checkRecords accepts and refuses what decodeRecords does, with its message', (t) => {
  const random = seededRandom(3);
  const sections: { bytes: Buffer; count: number }[] = [];
  for (let round = 0; round < 60; round++) {
    const count = 1 + Math.floor(random() * 5);
    const records = Array.from({ length: count }, (_, i) => ({
      key: random() < 0.3 ? null : Buffer.alloc(Math.floor(random() * 300), 1),
      value: random() < 0.1 ? null : Buffer.alloc(Math.floor(random() * 3000), 2),
      // Far timestamps need varints longer than the fast walk reads.
      timestamp: 1_700_000_000_000 + (random() < 0.3 ? 2 ** 40 : i),
      headers: random() < 0.4 ? [{ key: 'h', value: random() < 0.5 ? null : 'v' }] : [],
    }));
    const bytes = encodeRecords(records, 1_700_000_000_000);
    sections.push({ bytes, count });
    for (let damage = 0; damage < 20; damage++) {
      const copy = Buffer.from(bytes);
      copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      const cut = random() < 0.2 ? copy.subarray(0, Math.floor(random() * copy.length)) : copy;
      sections.push({ bytes: cut, count: random() < 0.1 ? count + 1 : count });
    }
  }
  let refused = 0;
  for (const { bytes, count } of sections) {
    const expected = verdict(() => decodeRecords(bytes, count, 0, 0));
    if (expected !== 'ok') refused++;
    t.is(
      verdict(() => checkRecords(bytes, count)),
      expected,
    );
  }
  t.true(refused > 100, `only ${refused} damaged sections were refused`);
});
