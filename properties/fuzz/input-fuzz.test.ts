// A fixed-seed slice of `npm run fuzz`'s input fuzzer: mutated trace files and stdio messages.
import test from 'ava';
import { runInputFuzz } from './input-fuzz.ts';

test('input fuzz slice: mutated traces load or are refused by name, the stdio server answers every line, the client refuses bad lines', async (t) => {
  const result = await runInputFuzz({ seed: 23, traces: 500, messages: 500 });
  t.log(JSON.stringify({ traces: result.traces, stdio: result.stdio, responses: result.responses }));
  t.deepEqual(result.failures, []);
  t.true(result.traces.loaded > 0 && result.traces.refused > 0);
  t.is(result.stdio.answered, result.stdio.requests);
});
