#!/usr/bin/env node
// The kspec CLI entry point. The sources are TypeScript run through tsx, so a clone works after `npm ci`
// without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv);
