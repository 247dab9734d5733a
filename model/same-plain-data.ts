// Structural equality of plain data, for a model's `unchanged` shortcut (explorable.ts): a successor
// equal to its parent in everything its key reads has the parent's key, which the explorer has
// visited, so it need not be keyed or looked up. Steps share the parts they do not change, so
// comparing by identity first makes equal states quick to confirm and changed ones quick to refute.

/** Same own keys with equal values, arrays element by element, primitives by ===. */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!samePlainData(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (!Object.hasOwn(right, key) || !samePlainData(left[key], right[key])) return false;
    count += 1;
  }
  for (const _ in right) count -= 1;
  return count === 0;
}
