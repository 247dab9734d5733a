// The exit codes of every command, in one place: main.ts appends them to each command's --help,
// and the README's table says the same. The numbers mean the same thing everywhere:
//   0 success; 1 the command ran and found something (a violation, a missing group, a corrupt
//   segment); 2 bad usage or bad input (including an adapter that cannot start); 3 a peer could not
//   be reached or did not speak its protocol.

const BAD_INPUT = '2  bad usage or bad input';
const SETUP = '2  bad usage or bad input, or the adapter could not start';

export const EXIT_CODES: Readonly<Record<string, readonly string[]>> = {
  assign: ['0  the plan was printed', BAD_INPUT],
  broker: ['0  stopped cleanly (SIGINT or SIGTERM)', `${BAD_INPUT} (flags, data dir, port in use)`],
  check: [
    '0  every property held and every unsafe flip was caught',
    '1  a violation was found, or an unsafe flip was not caught',
    SETUP,
  ],
  explore: [
    '0  no invariant was violated',
    '1  an invariant was violated (the shortest trace is printed)',
    BAD_INPUT,
  ],
  export: ['0  the history was written', `${BAD_INPUT} (not a trace file, or the output cannot be written)`],
  fault: [
    '0  the fault was injected',
    `${BAD_INPUT}, or the cluster refused the fault (no such broker)`,
    '3  the control port could not be reached or did not answer within --timeout-ms',
  ],
  fuzz: [
    '0  no fuzzer found anything',
    '1  a fuzzer found a crash, a corrupt read or a failed check',
    BAD_INPUT,
  ],
  groups: [
    '0  the groups or the group were printed',
    '1  the group does not exist',
    `${BAD_INPUT}, or the broker answered an error`,
    '3  no broker could be reached, answered within --timeout-ms, or spoke the Kafka protocol',
  ],
  kafka: [
    '0  up: every broker answers Metadata (bootstrap printed); fault: injected; down: stopped',
    `${BAD_INPUT}, or the cluster could not start or take the fault (no Java, Maven offline, a port in use, an unsupported fault kind)`,
  ],
  log: [
    '0  every file is consistent',
    '1  a file is corrupt or inconsistent',
    `${BAD_INPUT} (a path missing or not a segment file)`,
  ],
  merge: ['0  every merged part held', '1  a merged part failed', BAD_INPUT],
  mutants: ['0  every mutant was caught', '1  a mutant escaped', BAD_INPUT],
  'offsets-partition': ['0  the partition was printed', BAD_INPUT],
  render: ['0  the trace was drawn', BAD_INPUT],
  replay: [
    '0  every trace conforms (or a counterexample no longer reproduces)',
    "1  a violation reproduced, or a scenario's expectation failed",
    SETUP,
  ],
  rules: ['0  the rules were printed', BAD_INPUT],
  'serve-stdio': ['0  stdin closed and the system was closed', SETUP],
  settings: ['0  the settings were printed', BAD_INPUT],
  topics: [
    '0  the topics were printed',
    '1  the topic does not exist',
    `${BAD_INPUT}, or the broker answered an error`,
    '3  no broker could be reached, answered within --timeout-ms, or spoke the Kafka protocol',
  ],
  validate: [
    '0  no exercised rule was violated (the report says which rules were not exercised)',
    '1  a rule was violated, or a suite ended in an error',
    SETUP,
  ],
};

/** The "Exit codes:" block appended to a command's --help. */
export function exitCodesHelp(command: string): string | undefined {
  const lines = EXIT_CODES[command];
  return lines ? `\nExit codes:\n${lines.map((line) => `  ${line}`).join('\n')}\n` : undefined;
}
