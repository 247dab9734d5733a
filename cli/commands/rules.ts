import type { Command } from 'commander';
import { UsageError } from '../usage-error.ts';

export function register(program: Command): void {
  program
    .command('rules')
    .description('list the rule book (spec/SPEC.md): rule ids, statements and their Kafka sources')
    .option('--section <prefix>', 'only rules whose id starts with this prefix (GC, OC, AS, RP, LG, WP)')
    .option('--json', 'print a JSON array')
    .action(async (options: { section?: string; json?: boolean }) => {
      const { loadRules } = await import('../../spec/rules.ts');
      const prefix = options.section?.toUpperCase();
      if (prefix && !/^(GC|OC|AS|RP|LG|WP|IP)$/.test(prefix))
        throw new UsageError(`unknown section '${options.section}' (expected GC, OC, AS, RP, LG or WP)`);
      const rules = loadRules().filter((rule) => !prefix || rule.id.startsWith(`${prefix}-`));
      if (options.json) {
        process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
        return;
      }
      for (const rule of rules) {
        process.stdout.write(`${rule.id.padEnd(6)} ${rule.text}\n`);
        if (rule.source) process.stdout.write(`       source: ${rule.source}\n`);
        if (rule.differs) process.stdout.write(`       differs: ${rule.differs}\n`);
      }
      process.stdout.write(`${rules.length} rules\n`);
    });
}
