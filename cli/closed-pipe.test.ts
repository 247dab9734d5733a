// A reader that closes kspec's output early (`kspec --help | head -1`) ends kspec quietly: no
// stack trace on stderr (Node's unhandled EPIPE used to print one).
import { spawn } from 'node:child_process';
import test from 'ava';

test('stdout closed by the reader: kspec exits without a stack trace', async (t) => {
  const child = spawn(process.execPath, ['bin/kspec.js', 'rules'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // read the first chunk, then close the pipe as `head` does
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  t.is(stderr, '');
  t.is(code, 0);
});
