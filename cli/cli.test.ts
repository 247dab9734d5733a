import { readFileSync } from 'node:fs';
import test from 'ava';
import { cli } from './testing/run-cli.ts';

const version = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

test('--help prints usage and exits 0', async (t) => {
  const { code, stdout } = await cli('--help');
  t.is(code, 0);
  t.regex(stdout, /^Usage: kspec \[options\] \[command\]/);
  t.regex(stdout, /--version/);
});

test('--version prints the package version', async (t) => {
  const { code, stdout } = await cli('--version');
  t.is(code, 0);
  t.is(stdout.trim(), version);
});

test('an unknown command is a clear error with exit 2', async (t) => {
  const { code, stderr } = await cli('frobnicate');
  t.is(code, 2);
  t.regex(stderr, /unknown command 'frobnicate'/);
});

test('an unknown flag is a clear error with exit 2', async (t) => {
  const { code, stderr } = await cli('--no-such-flag');
  t.is(code, 2);
  t.regex(stderr, /unknown option '--no-such-flag'/);
});

test('rules --section rejects an unknown section with exit 2', async (t) => {
  const { code, stderr } = await cli('rules', '--section', 'XX');
  t.is(code, 2);
  t.regex(stderr, /unknown section 'XX'/);
});

test('rules --json prints the parsed rule book', async (t) => {
  const { code, stdout } = await cli('rules', '--json');
  t.is(code, 0);
  const rules = JSON.parse(stdout) as { id: string }[];
  t.true(Array.isArray(rules));
  for (const rule of rules) t.regex(rule.id, /^(GC|OC|AS|RP|LG|WP|IP)-\d+$/);
});

test('every command module in cli/commands is registered, in file-name order', async (t) => {
  const { readdirSync } = await import('node:fs');
  const { buildProgram } = await import('./main.ts');
  const files = readdirSync(new URL('./commands/', import.meta.url))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort()
    .map((file) => file.slice(0, -'.ts'.length));
  const program = await buildProgram();
  t.deepEqual(
    program.commands.map((command) => command.name()),
    files,
  );
});
