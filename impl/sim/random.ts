// The seeded random source of a run. It shares the generator of the simulated file system
// (impl/log/fs/random.ts, mulberry32) so one seed drives every choice; independent streams are
// derived per purpose so adding a draw in one place does not shift the draws of another.
import { type RandomSource, seededRandom } from '../log/fs/random.ts';

export type { RandomSource };

export class SeededRandom {
  private readonly source: RandomSource;
  constructor(readonly seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      throw new RangeError(`seed must be a uint32, got ${seed}`);
    this.source = seededRandom(seed);
  }
  /** A float in [0, 1). */
  next(): number {
    return this.source();
  }
  /** An integer in [0, bound). */
  int(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0)
      throw new RangeError(`bound must be a positive integer, got ${bound}`);
    return Math.floor(this.source() * bound);
  }
  /** True with probability `p`. */
  chance(p: number): boolean {
    return p > 0 && this.source() < p;
  }
  /** `length` lowercase hex digits (member ids, cluster ids). */
  hex(length: number): string {
    let text = '';
    while (text.length < length) text += this.int(0x10000).toString(16).padStart(4, '0');
    return text.slice(0, length);
  }
  /** The plain function form, for APIs taking a RandomSource (the simulated file system). */
  asSource(): RandomSource {
    return () => this.source();
  }
  /** An independent stream for one purpose, derived from this seed and a label (FNV-1a mix). */
  derive(label: string): SeededRandom {
    let hash = 0x811c9dc5 ^ this.seed;
    for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
    return new SeededRandom(hash >>> 0);
  }
}
