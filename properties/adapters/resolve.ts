// `--adapter` resolution: which system `kspec check` runs against.
//   reference (default)  the embedded reference cluster (adapters/reference), real segment files in a temp dir
//   reference:simulated  the same on the simulated, crash-capable file system
//   reference:wire       the reference cluster behind its Kafka wire handlers on loopback, played over the
//                        wire (adapters/reference-wire): simulated clock, broker faults (ports close and
//                        reopen), no network partitions
//   model                the whole model (model/oracle): group model + data-plane model + consumer level;
//                        the default lockstep oracle of `kspec check`
//   model-group          the group model alone (model/group): groups, commits, time
//   model-data           the data-plane model alone (model/data-plane): produce, fetch, replication, faults
//   module:PATH          a JS/TS module exporting createSystem(options) or a default SystemUnderTest
//   stdio:COMMAND        a process speaking the stdio adapter protocol (adapters/stdio, spec/ADAPTERS.md)
//   kafka:HOST:PORT,...  any Kafka-protocol cluster over the wire, in real time (adapters/kafka)
//   kafka-lockstep:HOST:PORT,...  the same cluster, group and commit events only, paced so each answer
//                        is compared with the model (adapters/kafka/lockstep-system.ts)
//   kafka-coordinator    Kafka 4.4's own classic group coordinator (kafka-group-coordinator), run
//                        deterministically in a JVM over stdio (adapters/kafka-java, needs Java + Maven)
//   toy                  the toy cluster of the checker's own tests (properties/testing/toy)
// Heavy modules are imported lazily, so `kspec --help` stays fast.
import type { SystemFactory } from '../check/run-suite.ts';

export class AdapterResolutionError extends Error {
  override name = 'AdapterResolutionError';
}

export const ADAPTER_FORMS = [
  'reference',
  'reference:simulated',
  'reference:wire',
  'model',
  'model-data',
  'model-group',
  'module:PATH',
  'stdio:COMMAND',
  'kafka:HOST:PORT[,HOST:PORT...]',
  'kafka-lockstep:HOST:PORT[,HOST:PORT...]',
  'kafka-coordinator',
] as const;

async function referenceFactory(storage: 'real' | 'simulated'): Promise<SystemFactory> {
  const { createReferenceSystem } = await import('./reference/index.ts');
  return {
    name: storage === 'real' ? 'reference' : 'reference:simulated',
    create: async () => createReferenceSystem({ storage }),
  };
}

async function dataModelFactory(): Promise<SystemFactory> {
  // The data-plane model (model/data-plane): topics, produce, fetch, replication, faults, time.
  const { dataPlaneModel } = await import('../../model/data-plane/data-plane-model.ts');
  return { name: 'model-data', create: async () => dataPlaneModel() };
}

async function groupModelFactory(): Promise<SystemFactory> {
  // The group model alone (group membership and offset commits; no data plane) as a system.
  const { groupModelSystem } = await import('../../model/group/group-model-system.ts');
  return { name: 'model-group', create: async () => groupModelSystem() };
}

async function modelFactory(): Promise<SystemFactory> {
  // The whole model: group model + data-plane model, with the consumer level on top (model/oracle).
  const { ModelOracle } = await import('../../model/oracle/model-oracle.ts');
  const { dataPlaneModel } = await import('../../model/data-plane/data-plane-model.ts');
  return { name: 'model', create: async () => new ModelOracle(dataPlaneModel()) };
}

async function kafkaCoordinatorFactory(): Promise<SystemFactory> {
  // Building the jar here (once per source hash) turns a missing Java or Maven into one line.
  const { ensureKafkaJava, KafkaJavaError } = await import('./kafka-java/jar.ts');
  let classpath: string;
  try {
    ({ classpath } = await ensureKafkaJava());
  } catch (error) {
    if (error instanceof KafkaJavaError) throw new AdapterResolutionError(error.message);
    throw error;
  }
  const { StdioSystem } = await import('./stdio/client.ts');
  const command = `java -cp '${classpath.replaceAll("'", "'\\''")}' kspec.coordinator.CoordinatorAdapter`;
  return { name: 'kafka-coordinator', create: async () => new StdioSystem(command) };
}

export async function resolveAdapter(spec: string): Promise<SystemFactory> {
  if (spec === 'reference' || spec === 'reference:real') return referenceFactory('real');
  if (spec === 'reference:simulated') return referenceFactory('simulated');
  if (spec === 'reference:wire') {
    const { createReferenceWireSystem } = await import('./reference-wire/reference-wire-system.ts');
    // A test plants a wire-handler bug this way (reference-wire/wire-faults.ts); never set otherwise.
    const planted = process.env.KSPEC_WIRE_FAULT;
    const { wireFault } = await import('./reference-wire/wire-faults.ts');
    const handlerFault = planted ? wireFault(planted) : undefined;
    return {
      name: 'reference:wire',
      create: async () => createReferenceWireSystem(handlerFault ? { handlerFault } : {}),
    };
  }
  if (spec === 'model') return modelFactory();
  if (spec === 'model-data') return dataModelFactory();
  if (spec === 'model-group') return groupModelFactory();
  if (spec === 'kafka-coordinator') return kafkaCoordinatorFactory();
  if (spec === 'toy') {
    const { ToySystem } = await import('../testing/toy/toy-system.ts');
    return { name: 'toy', create: async () => new ToySystem() };
  }
  if (spec.startsWith('module:')) {
    const path = spec.slice('module:'.length);
    if (!path) throw new AdapterResolutionError('module: needs a path (module:./my-system.ts)');
    const { loadModuleSystem } = await import('./module.ts');
    return { name: spec, create: () => loadModuleSystem(path) };
  }
  if (spec.startsWith('stdio:')) {
    const command = spec.slice('stdio:'.length);
    if (!command) throw new AdapterResolutionError('stdio: needs a command (stdio:"python3 adapter.py")');
    const { StdioSystem } = await import('./stdio/client.ts');
    return { name: spec, create: async () => new StdioSystem(command) };
  }
  if (spec.startsWith('kafka-lockstep:')) {
    const { parseBootstrap } = await import('./kafka/index.ts');
    const { KafkaLockstepSystem } = await import('./kafka/lockstep-system.ts');
    let bootstrap: ReturnType<typeof parseBootstrap>;
    try {
      bootstrap = parseBootstrap(spec.slice('kafka-lockstep:'.length));
    } catch (error) {
      throw new AdapterResolutionError((error as Error).message);
    }
    return { name: spec, create: async () => new KafkaLockstepSystem({ bootstrap }) };
  }
  if (spec.startsWith('kafka:')) {
    const { kafkaSystemFromSpec, parseBootstrap } = await import('./kafka/index.ts');
    try {
      parseBootstrap(spec.slice('kafka:'.length));
    } catch (error) {
      throw new AdapterResolutionError((error as Error).message);
    }
    return { name: spec, create: async () => kafkaSystemFromSpec(spec) };
  }
  throw new AdapterResolutionError(
    `unknown adapter '${spec}' (expected one of: ${ADAPTER_FORMS.join(', ')})`,
  );
}
