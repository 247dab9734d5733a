// ava 7 on Node 20: tsx as the loader, no worker threads (see ../shared/toolchain.md).
export default {
  files: ['{spec,model,impl,properties,traces,cli,bench}/**/*.test.ts'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  workerThreads: false,
  timeout: '120s',
  concurrency: 2,
};
