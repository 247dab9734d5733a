// `kspec serve-stdio`: serves a system under test over the stdio adapter protocol (spec/ADAPTERS.md)
// on this process's stdin/stdout. With the default `--adapter reference` it is a stdio adapter that
// wraps the reference cluster: the protocol's own conformance check
// (`kspec check --adapter 'stdio:kspec serve-stdio'`), and a template for adapters in TypeScript.
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

export function register(program: Command): void {
  program
    .command('serve-stdio')
    .description(
      'serve a system (default: the reference cluster) over the stdio adapter protocol on stdin/stdout',
    )
    .option(
      '--adapter <adapter>',
      'the system to serve: reference, reference:simulated, module:PATH, ...',
      'reference',
    )
    .action(async (options: { adapter: string }) => {
      if (options.adapter.startsWith('stdio:'))
        throw new UsageError('serve-stdio cannot serve a stdio: adapter (it would only relay it)');
      const { resolveAdapter } = await import('../../properties/adapters/resolve.ts');
      const { AdapterSetupError, preflightAdapter } = await import('../../properties/adapters/preflight.ts');
      let factory: Awaited<ReturnType<typeof resolveAdapter>>;
      let system: Awaited<ReturnType<(typeof factory)['create']>>;
      try {
        await preflightAdapter(options.adapter);
        factory = await resolveAdapter(options.adapter);
        system = await factory.create();
      } catch (error) {
        if (error instanceof AdapterSetupError) throw new UsageError(error.message);
        throw new UsageError(`adapter ${options.adapter}: ${(error as Error).message}`);
      }
      const { serveStdio } = await import('../../properties/adapters/stdio/server.ts');
      // stdout carries the protocol: anything else the system prints goes to stderr.
      console.log = (...args: unknown[]) => console.error(...args);
      try {
        await serveStdio(system, process.stdin, process.stdout);
      } finally {
        await system.close().catch(() => undefined);
      }
    });
}
