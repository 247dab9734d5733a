// `kspec settings`: every setting kspec accepts (spec/config.ts), by Kafka's name, with its default
// and the values it takes: what `kspec broker --config` and `kspec explore --config` understand.
import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

const SCOPES = ['broker', 'topic', 'producer', 'consumer', 'kspec'];

export function register(program: Command): void {
  program
    .command('settings')
    .summary('list the settings kspec accepts (--config KEY=VALUE), with their defaults')
    .description(
      "List every setting kspec accepts, by Kafka's name, with its default (Kafka's, except for the " +
        'kspec scope, which holds what a run adds: cluster size, client behaviour Kafka leaves to the ' +
        'application) and the values it takes. `kspec broker --config` and `kspec explore --config` take them.',
    )
    .option('--scope <scope>', `only one scope: ${SCOPES.join(', ')}`)
    .option('--json', 'print a JSON array of { name, scope, type, default, min, max, values, description }')
    .action(async (options: { scope?: string; json?: boolean }) => {
      if (options.scope !== undefined && !SCOPES.includes(options.scope))
        throw new UsageError(`unknown scope '${options.scope}' (expected one of: ${SCOPES.join(', ')})`);
      const { SETTINGS } = await import('../../spec/config.ts');
      const { textTable } = await import('../../spec/text-table.ts');
      const settings = SETTINGS.filter((s) => options.scope === undefined || s.scope === options.scope);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(settings, null, 2)}\n`);
        return;
      }
      // A long list (kspec.mutant's) would widen every row: its count stands in, --json has it.
      const allowed = (s: (typeof settings)[number]) =>
        s.type === 'int'
          ? s.max === undefined
            ? `>= ${s.min}`
            : `${s.min}..${s.max}`
          : s.type === 'boolean'
            ? 'true, false'
            : s.values.join(', ').length <= 60
              ? s.values.join(', ')
              : `one of ${s.values.length} (--json lists them)`;
      process.stdout.write(
        `${textTable(
          ['setting', 'scope', 'default', 'values', 'description'],
          settings.map((s) => [s.name, s.scope, String(s.default), allowed(s), s.description]),
        )}\n${settings.length} settings\n`,
      );
    });
}
