import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { UsageError } from './usage-error.ts';

/** A CLI command module: `cli/commands/<name>.ts` exports `register`, found and loaded at start-up. */
export interface CommandModule {
  register(program: Command): void;
}

const commandsDirectory = fileURLToPath(new URL('./commands/', import.meta.url));

async function packageVersion(): Promise<string> {
  const text = await readFile(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** Builds the program with every command in cli/commands (sorted by name, so --help is stable). */
export async function buildProgram(): Promise<Command> {
  const program = new Command('kspec')
    .description(
      "An executable spec of Kafka's classic consumer groups, offset commits and replication,\n" +
        'a property-based conformance checker, and a reference broker.',
    )
    .version(await packageVersion(), '-V, --version')
    .showHelpAfterError('(run kspec --help for usage)')
    .exitOverride();
  const files = readdirSync(commandsDirectory)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort();
  for (const file of files) {
    const module = (await import(pathToFileURL(commandsDirectory + file).href)) as CommandModule;
    module.register(program);
  }
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 success, 1 a check failed (a violation was found),
 * 2 bad usage or bad input.
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
    throw error;
  }
}
