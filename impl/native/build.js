// Builds the sendfile addon at install time (`npm ci` runs the root package's "install" script).
// Never fails the install: without a compiler or headers the broker serves fetches through the
// pure-JS copy path and says so. Offline builds need the installed headers: --nodedir=/usr
// (or npm_config_nodedir) keeps node-gyp from trying to download them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
    '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    '/usr/share/nodejs/node-gyp/bin/node-gyp.js',
  ];
  return candidates.find((candidate) => candidate && existsSync(candidate));
}

function nodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const system = '/usr/include/node/node_api.h';
  return existsSync(system) ? '/usr' : undefined;
}

function warn(message) {
  process.stderr.write(`kspec: sendfile addon not built (${message}); fetches will use the copy path.\n`);
}

function main() {
  if (process.platform !== 'linux')
    return warn(`sendfile(2) path is Linux-only, platform is ${process.platform}`);
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) return warn('node-gyp not found');
  const args = [nodeGyp, 'rebuild'];
  const dir = nodeDir();
  if (dir) args.push(`--nodedir=${dir}`);
  const result = spawnSync(process.execPath, args, {
    cwd: here,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 300_000,
  });
  if (result.error) return warn(result.error.message);
  if (result.status !== 0) return warn(`node-gyp exited with ${result.status}`);
  process.stderr.write('kspec: sendfile addon built.\n');
}

try {
  main();
} catch (error) {
  warn(error instanceof Error ? error.message : String(error));
}
process.exitCode = 0;
