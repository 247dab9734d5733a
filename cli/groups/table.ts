// The --describe table of `kspec groups`, laid out as kafka-consumer-groups.sh prints it.
import { textTable } from '../../spec/text-table.ts';
import type { GroupDescription } from './report.ts';

/** Kafka's table: columns padded to their widest cell (two spaces apart), '-' for unknown values. */
export function formatDescription(description: GroupDescription): string {
  const header = [
    'GROUP',
    'TOPIC',
    'PARTITION',
    'CURRENT-OFFSET',
    'LOG-END-OFFSET',
    'LAG',
    'CONSUMER-ID',
    'HOST',
    'CLIENT-ID',
  ];
  const dash = (value: string | number | null) => (value === null ? '-' : String(value));
  const rows = description.rows.map((row) => [
    row.group,
    row.topic,
    String(row.partition),
    dash(row.currentOffset),
    dash(row.logEndOffset),
    dash(row.lag),
    dash(row.consumerId),
    dash(row.host),
    dash(row.clientId),
  ]);
  const notice =
    description.members === 0 ? `\nConsumer group '${description.group}' has no active members.\n` : '';
  return `${notice}\n${textTable(header, rows, { rule: false })}\n`;
}
