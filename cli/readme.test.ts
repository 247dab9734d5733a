// The README's "First ten minutes" shows real output: every `$ node bin/kspec.js ...` line of its
// ```console blocks is run and its stdout compared with the lines below it, where `...` stands for
// any lines left out and `<n>` for a number that varies (seconds, the job count of the machine).
import { readFileSync } from 'node:fs';
import test from 'ava';
import { cliWith } from './testing/run-cli.ts';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

interface Example {
  readonly args: string[];
  readonly expected: string[];
}

function examples(): Example[] {
  const start = README.indexOf('## First ten minutes');
  const section = README.slice(start, README.indexOf('\n## ', start + 1));
  const found: Example[] = [];
  for (const block of section.matchAll(/```console\n([\s\S]*?)```/g))
    for (const line of block[1]!.split('\n')) {
      if (line.startsWith('$ node bin/kspec.js '))
        found.push({ args: line.slice('$ node bin/kspec.js '.length).split(/\s+/), expected: [] });
      else if (line !== '' || found.at(-1)?.expected.length) found.at(-1)?.expected.push(line);
    }
  return found.map((example) => ({ ...example, expected: trimEnd(example.expected) }));
}

const trimEnd = (lines: string[]) => {
  const copy = [...lines];
  while (copy.at(-1) === '') copy.pop();
  return copy;
};

const pattern = (line: string) =>
  new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<n>/g, '\\d+(?:\\.\\d+)?')}$`);

/** `expected` matches `actual` line by line; `...` matches any number of lines. */
function matches(expected: readonly string[], actual: readonly string[]): boolean {
  if (expected.length === 0) return actual.length === 0;
  const [first, ...rest] = expected;
  if (first === '...')
    return actual.some((_, index) => matches(rest, actual.slice(index))) || matches(rest, []);
  return actual.length > 0 && pattern(first!).test(actual[0]!) && matches(rest, actual.slice(1));
}

test('the matcher: exact lines, <n> for numbers, ... for lines left out', (t) => {
  t.true(matches(['a <n> s', '...', 'z'], ['a 4.5 s', 'b', 'c', 'z']));
  t.true(matches(['...', 'z', '...'], ['z']));
  t.false(matches(['a', 'z'], ['a', 'b', 'z']));
  t.false(matches(['a <n>'], ['a x']));
});

test.serial('every example of "First ten minutes" prints what the README shows', async (t) => {
  const found = examples();
  t.true(found.length >= 5, 'the section has its examples');
  for (const example of found) {
    const result = await cliWith({ timeoutMs: 300_000 }, ...example.args);
    t.is(result.code, 0, `${example.args.join(' ')}: ${result.stderr}`);
    const actual = trimEnd(result.stdout.split('\n'));
    t.true(
      matches(example.expected, actual),
      `kspec ${example.args.join(' ')} printed:\n${result.stdout}\nthe README shows:\n${example.expected.join('\n')}`,
    );
  }
});
