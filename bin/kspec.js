#!/usr/bin/env node
// The kspec CLI entry point. The sources are TypeScript run through tsx, so a clone works after `npm ci`
// without a build step.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`kspec rules | head`) closes the pipe: not an error of kspec, so no
// stack trace; the exit code is the one the command had set so far.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv);
