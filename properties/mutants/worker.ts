// A worker process of `kspec mutants --jobs N`: runs the mutants it is sent, one at a time. One
// process per worker matters here: the mutant switch is process-wide (impl/mutants).
import { mutantByName } from './catalog.ts';
import { type MutantRunOptions, runMutant } from './run-mutant.ts';

type Message = { type: 'mutant'; name: string; options: MutantRunOptions } | { type: 'exit' };

process.on('message', async (message: Message) => {
  if (message.type === 'exit') {
    process.disconnect();
    return;
  }
  try {
    const mutant = mutantByName(message.name);
    if (!mutant) throw new Error(`unknown mutant '${message.name}'`);
    process.send?.({ type: 'result', result: await runMutant(mutant, message.options) });
  } catch (error) {
    process.send?.({
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
