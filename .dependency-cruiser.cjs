// The import rules of kspec's layout (README "Layout"), checked by `npm run lint:deps` in CI.
// Dependencies point one way: spec <- model, impl, properties, traces; the model and the reference
// broker never see each other (the checker connects them through the adapter interface).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'bench-only-from-benchmarks',
      severity: 'error',
      comment: 'bench/ is the benchmark harness; only *.bench.ts files and the CLI use it.',
      from: { path: '^(spec|model|impl|properties|traces)/', pathNot: '\\.bench\\.ts$' },
      to: { path: '^bench/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles hide which module owns a concept; move the shared part to the module that owns it.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'spec-is-the-root',
      severity: 'error',
      comment: 'spec/ is the contract every other folder builds on; it imports nothing of theirs.',
      from: { path: '^spec/' },
      to: { path: '^(model|impl|properties|traces|cli|bench)/' },
    },
    {
      name: 'model-not-to-impl',
      severity: 'error',
      comment: 'The model is an independent reading of Kafka; it never sees the reference broker.',
      from: { path: '^model/' },
      to: { path: '^(impl|properties|traces|cli)/' },
    },
    {
      name: 'impl-not-to-model',
      severity: 'error',
      comment: 'The reference broker is an independent implementation; it never sees the model.',
      from: { path: '^impl/' },
      to: { path: '^(model|traces|cli)/' },
    },
    {
      name: 'impl-is-the-broker',
      severity: 'error',
      comment:
        "The broker never uses the checker or its client; the broker's wire tests may talk to it through the client's low-level connection.",
      from: { path: '^impl/', pathNot: '\\.test\\.ts$' },
      to: { path: '^properties/' },
    },
    {
      name: 'broker-tests-use-only-the-wire-client',
      severity: 'error',
      comment: 'A broker test reaches properties/ only for the wire connection, never the checker.',
      from: { path: '^impl/.*\\.test\\.ts$' },
      to: { path: '^properties/', pathNot: '^properties/client/wire/connection\\.ts$' },
    },
    {
      name: 'model-has-no-io',
      severity: 'error',
      comment: 'The model is pure: no file system, network, processes or timers.',
      from: { path: '^model/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(node:)?(fs|fs/promises|net|child_process|worker_threads|timers|dgram|http|https)$' },
    },
    {
      name: 'traces-not-to-checker',
      severity: 'error',
      comment:
        'Traces are exported, replayed and drawn through spec/ types; they do not reach into the checker.',
      from: { path: '^traces/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(properties|impl|model)/' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment:
        'A module nothing imports is dead, unless it is an entry point (tests, CLI, configs, scripts).',
      from: {
        orphan: true,
        pathNot: [
          '(^|/)\\.[^/]+\\.(c|m)?js$',
          '\\.d\\.ts$',
          '\\.test\\.ts$',
          '(^|/)(ava\\.config|biome)\\.',
          '^bin/',
          '^index\\.ts$',
          // the client matrix's programs (and @platformatic/kafka's admin deletions), run as child
          // processes by path
          '^impl/broker/interop/client-matrix/[^/]+/client\\.(c|m)?js$',
          '^impl/broker/interop/client-matrix/platformatic/deletes\\.mjs$',
        ],
      },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^impl/native/build', '^examples/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
