// Every command, given bad input, answers with one line and its documented exit code, never a
// stack frame; every command's --help names its exit codes. A command added without a case here
// fails the first test, so the sweep stays complete.
import test from 'ava';
import { EXIT_CODES } from './exit-codes.ts';
import { buildProgram } from './main.ts';
import { closedAddress, httpPeer } from './testing/fake-peers.ts';
import { assertOneLineError } from './testing/one-line.ts';
import { cliWith } from './testing/run-cli.ts';

type Case = { readonly args: readonly string[]; readonly code: number };

async function cases(http: string, closed: string): Promise<Record<string, Case>> {
  return {
    assign: { args: ['--strategy', 'nope', '--topic', 't:1', '--member', 'a:t'], code: 2 },
    broker: { args: ['--data-dir', '/dev/null', '--port', '0'], code: 2 },
    check: { args: ['--adapter', 'stdio:false', '--suite', 'group'], code: 2 },
    explore: { args: ['--model', 'nope'], code: 2 },
    export: { args: ['/nonexistent.json'], code: 2 },
    fault: { args: ['--control', closed, 'crash', '0'], code: 3 },
    fuzz: { args: ['--only', 'nope'], code: 2 },
    groups: { args: ['--bootstrap', http, '--list'], code: 3 },
    kafka: { args: ['fault', '--data-dir', '/nonexistent', 'crash', '0'], code: 2 },
    log: { args: ['dump', '/nonexistent/00000000000000000000.log'], code: 2 },
    merge: { args: ['/nonexistent.json'], code: 2 },
    mutants: { args: ['--mutant', 'nope'], code: 2 },
    'offsets-partition': { args: ['g', '--partitions', '0'], code: 2 },
    render: { args: ['/nonexistent.json'], code: 2 },
    replay: { args: ['/nonexistent.json'], code: 2 },
    rules: { args: ['--section', 'XX'], code: 2 },
    'serve-stdio': { args: ['--adapter', 'module:/missing.ts'], code: 2 },
    settings: { args: ['--scope', 'nope'], code: 2 },
    topics: { args: ['--bootstrap-server', http, '--describe'], code: 3 },
    validate: { args: ['--adapter', 'stdio:nonexistent-cmd'], code: 2 },
  };
}

test('every command with bad input: one line, its exit code, no stack frame', async (t) => {
  const http = await httpPeer();
  try {
    const all = await cases(http.address, await closedAddress());
    const names = (await buildProgram()).commands.map((command) => command.name());
    t.deepEqual(Object.keys(all).sort(), [...names].sort(), 'a case per command');
    const results = await Promise.all(
      names.map(
        async (name) => [name, await cliWith({ timeoutMs: 60_000 }, name, ...all[name]!.args)] as const,
      ),
    );
    for (const [name, result] of results) assertOneLineError(t, result, all[name]!.code);
  } finally {
    await http.close();
  }
});

test("every command's --help names its exit codes, and the codes are the documented ones", async (t) => {
  const program = await buildProgram();
  for (const command of program.commands) {
    // outputHelp, not helpInformation: the codes are added as text after the help.
    let help = '';
    command.configureOutput({ writeOut: (text) => (help += text) });
    command.outputHelp();
    t.truthy(EXIT_CODES[command.name()], `${command.name()} has exit codes`);
    t.regex(help, /Exit codes:\n {2}0 {2}/, `${command.name()} --help names them`);
    for (const line of EXIT_CODES[command.name()] ?? []) t.regex(line, /^[0-3] {2}\S/);
  }
});
