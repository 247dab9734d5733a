// The renderers by format name, for the CLI and anything else that renders traces.
import { basename } from 'node:path';
import type { Trace } from '../../spec/trace.ts';
import { renderHtml } from './html.ts';
import { renderItf } from './itf.ts';
import { renderMermaid } from './mermaid.ts';
import { renderText } from './text.ts';

export type RenderFormat = 'text' | 'mermaid' | 'html' | 'itf';

export function renderTrace(trace: Trace, format: RenderFormat, source?: string): string {
  switch (format) {
    case 'text':
      return renderText(trace);
    case 'mermaid':
      return renderMermaid(trace);
    case 'html':
      return renderHtml(trace);
    case 'itf':
      return renderItf(trace, source ? basename(source) : undefined);
  }
}

export { renderHtml, renderItf, renderMermaid, renderText };
