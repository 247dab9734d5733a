import { readFile } from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import * as assign from './commands/assign.ts';
import * as broker from './commands/broker.ts';
import * as check from './commands/check.ts';
import * as explore from './commands/explore.ts';
import * as exportCommand from './commands/export.ts';
import * as fault from './commands/fault.ts';
import * as fuzz from './commands/fuzz.ts';
import * as groups from './commands/groups.ts';
import * as kafka from './commands/kafka.ts';
import * as log from './commands/log.ts';
import * as merge from './commands/merge.ts';
import * as mutants from './commands/mutants.ts';
import * as offsetsPartition from './commands/offsets-partition.ts';
import * as render from './commands/render.ts';
import * as replay from './commands/replay.ts';
import * as rules from './commands/rules.ts';
import * as serveStdio from './commands/serve-stdio.ts';
import * as settings from './commands/settings.ts';
import * as topics from './commands/topics.ts';
import * as validate from './commands/validate.ts';
import { exitCodesHelp } from './exit-codes.ts';
import { UnreachableError, UsageError } from './usage-error.ts';

/** A CLI command module: `cli/commands/<name>.ts` exports `register`; each loads its work lazily. */
interface CommandModule {
  register(program: Command): void;
}

/** Every command, sorted by name so --help is stable; cli.test.ts checks none in cli/commands is left out. */
export const COMMANDS: readonly CommandModule[] = [
  assign,
  broker,
  check,
  explore,
  exportCommand,
  fault,
  fuzz,
  groups,
  kafka,
  log,
  merge,
  mutants,
  offsetsPartition,
  render,
  replay,
  rules,
  serveStdio,
  settings,
  topics,
  validate,
];

async function packageVersion(): Promise<string> {
  const text = await readFile(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** Builds the program with every command in cli/commands. */
export async function buildProgram(): Promise<Command> {
  const program = new Command('kspec')
    .description(
      "An executable spec of Kafka's classic consumer groups, offset commits and replication,\n" +
        'a property-based conformance checker, and a reference broker.',
    )
    .version(await packageVersion(), '-V, --version')
    .showHelpAfterError('(run kspec --help for usage)')
    .addHelpText(
      'after',
      "\nExit codes (each command's --help says what they mean for it):\n" +
        '  0  success\n' +
        '  1  the command ran and found something: a violation, a missing group, a corrupt file\n' +
        '  2  bad usage or bad input, including an adapter that cannot start\n' +
        '  3  a peer (broker, control port) could not be reached or did not speak its protocol\n',
    )
    .exitOverride();
  for (const command of COMMANDS) command.register(program);
  for (const command of program.commands) {
    const help = exitCodesHelp(command.name());
    // A command with subcommands (log dump) shows the codes on the subcommand that does the work.
    for (const target of [command, ...command.commands]) {
      target.exitOverride();
      if (help) target.addHelpText('after', help);
    }
  }
  return program;
}

/**
 * Runs the CLI and returns the exit code (cli/exit-codes.ts): 0 success, 1 a check failed (a
 * violation was found), 2 bad usage or bad input, 3 a peer could not be reached.
 */
export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      process.stderr.write(`kspec: ${error.message}\n`);
      return 2;
    }
    if (error instanceof UnreachableError) {
      process.stderr.write(`kspec: ${error.message}\n`);
      return 3;
    }
    throw error;
  }
}
