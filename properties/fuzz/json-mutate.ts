// Mutations of JSON documents for the input fuzzer: a value somewhere in the tree is deleted,
// nulled, given another type or an edge value (huge, negative, fractional, empty, very long,
// deeply nested), or an array element is repeated; or the text itself is cut or has a byte flipped.
import type { SeededRandom } from '../../impl/sim/random.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const EDGES: readonly Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53 + 2,
  -(2 ** 31),
  1e308,
  '',
  'x'.repeat(10_000),
  '\u0000\uffff',
  [],
  {},
  [[[[[[[[[[]]]]]]]]]],
  { type: 'unknown-kind' },
];

function children(value: Json): { holder: Json[] | Record<string, Json>; key: string | number }[] {
  if (Array.isArray(value)) return value.map((_, index) => ({ holder: value, key: index }));
  if (value !== null && typeof value === 'object')
    return Object.keys(value).map((key) => ({ holder: value, key }));
  return [];
}

/** A random place in the tree: walks down from the root, stopping at each level with some chance. */
function pickPlace(
  root: Json,
  random: SeededRandom,
): { holder: Json[] | Record<string, Json>; key: string | number } | undefined {
  let place: { holder: Json[] | Record<string, Json>; key: string | number } | undefined;
  let value = root;
  for (let depth = 0; depth < 12; depth++) {
    const options = children(value);
    if (options.length === 0) break;
    place = options[random.int(options.length)]!;
    value = (place.holder as Record<string | number, Json>)[place.key]!;
    if (random.chance(0.3)) break;
  }
  return place;
}

/** One structural mutation of a deep copy of `value`. */
export function mutateJson(value: unknown, random: SeededRandom): unknown {
  const root = structuredClone(value) as Json;
  const place = pickPlace(root, random);
  if (!place) return EDGES[random.int(EDGES.length)];
  const holder = place.holder as Record<string | number, Json>;
  const choice = random.int(5);
  if (choice === 0) {
    if (Array.isArray(place.holder)) place.holder.splice(place.key as number, 1);
    else delete holder[place.key];
  } else if (choice === 1 && Array.isArray(place.holder)) {
    const item = place.holder[place.key as number]!;
    place.holder.splice(
      place.key as number,
      0,
      ...Array.from({ length: 1 + random.int(3) }, () => structuredClone(item)),
    );
  } else if (choice === 2 && typeof holder[place.key] === 'number') {
    holder[place.key] =
      (holder[place.key] as number) + (random.chance(0.5) ? 1 : -1) * (1 + random.int(1000));
  } else {
    holder[place.key] = structuredClone(EDGES[random.int(EDGES.length)]!);
  }
  return root;
}

/** Damage to the text itself: cut short, a byte flipped, or junk appended. */
export function mutateText(text: string, random: SeededRandom): string {
  const choice = random.int(3);
  if (choice === 0) return text.slice(0, random.int(text.length + 1));
  if (choice === 1) {
    const bytes = Buffer.from(text);
    if (bytes.length > 0) bytes[random.int(bytes.length)]! ^= 1 << random.int(8);
    return bytes.toString('utf8');
  }
  return `${text}${['}', ']', ',', '"', '\u0000', 'null'][random.int(6)]}`;
}
