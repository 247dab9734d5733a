// Random damage to one file of a partition directory on the simulated disk: bit flips, bytes
// overwritten or zeroed, a cut, garbage appended, the file deleted, or (for the text checkpoints)
// plausible-looking lines that lie. Returns where the bytes changed, so the fuzzer knows which
// batches recovery may lose and which it must keep.

import type { SeededRandom } from '../../sim/random.ts';
import type { SimulatedFileSystem } from '../fs/simulated.ts';

export interface Damage {
  readonly file: string;
  readonly kind: string;
  /** The first byte that changed (the file's old length for an append, 0 for a deletion). */
  readonly from: number;
}

const CHECKPOINT_LIES = [
  '0\n1\n-5\n',
  '0\n2\n0 0\n',
  '1\n0\n',
  '0\n1\n99999999999999999999 0\n',
  '0\n1\n3 9007199254740993\n',
  '0\n3\n0 0\n2 5\n1 3\n',
  '0\n1\nabc def\n',
  '',
  '0\n',
  '0\n1\n0 0 0\n',
  '0\n1\nt0 0 99999999999999999999\n',
  '0\n2\nt0 0 5\nt0 0 7\n',
  '\u0000\u0000\u0000',
];

function randomBytes(random: SeededRandom, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = random.int(256);
  return bytes;
}

function rewrite(fs: SimulatedFileSystem, path: string, content: Buffer): void {
  const handle = fs.open(path, { create: true });
  handle.truncate(0);
  handle.write(content, 0);
  handle.sync();
  handle.close();
}

export function damage(
  fs: SimulatedFileSystem,
  directory: string,
  file: string,
  random: SeededRandom,
): Damage {
  const path = `${directory}/${file}`;
  const content = fs.readFile(path);
  const length = content.length;
  const at = length === 0 ? 0 : random.int(length);
  const textual = !/\.(log|index|timeindex)$/.test(file);
  const choice = random.int(textual ? 8 : 7);
  if (choice === 0 && length > 0) {
    const flips = 1 + random.int(4);
    let first = length;
    for (let i = 0; i < flips; i++) {
      const position = i === 0 ? at : random.int(length);
      content[position]! ^= 1 << random.int(8);
      first = Math.min(first, position);
    }
    rewrite(fs, path, content);
    return { file, kind: 'bit-flip', from: first };
  }
  if (choice === 1 && length > 0) {
    randomBytes(random, Math.min(length - at, 1 + random.int(64))).copy(content, at);
    rewrite(fs, path, content);
    return { file, kind: 'overwrite', from: at };
  }
  if (choice === 2 && length > 0) {
    content.fill(0, at, Math.min(length, at + 1 + random.int(256)));
    rewrite(fs, path, content);
    return { file, kind: 'zero-fill', from: at };
  }
  if (choice === 3) {
    rewrite(fs, path, content.subarray(0, at));
    return { file, kind: 'cut', from: at };
  }
  if (choice === 4) {
    rewrite(fs, path, Buffer.concat([content, randomBytes(random, 1 + random.int(200))]));
    return { file, kind: 'garbage-appended', from: length };
  }
  if (choice === 5) {
    fs.remove(path);
    return { file, kind: 'deleted', from: 0 };
  }
  if (choice === 6 && length > 0) {
    // A stretch of the file copied over another place: well-formed bytes in the wrong spot.
    const source = random.int(length);
    const span = Math.min(length - source, length - at, 1 + random.int(128));
    content.copy(content, at, source, source + span);
    rewrite(fs, path, content);
    return { file, kind: 'misplaced-copy', from: at };
  }
  const lie = CHECKPOINT_LIES[random.int(CHECKPOINT_LIES.length)]!;
  rewrite(fs, path, Buffer.from(lie));
  return { file, kind: 'checkpoint-lie', from: 0 };
}
