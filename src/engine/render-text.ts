/**
 * Plain-text rendering of a reply: what the terminal shows and what `ask --json` reports as `text`.
 */
import type { Citation, ReplyParts } from '../core/types.ts';

export function renderPlainText(parts: ReplyParts, citations: readonly Citation[]): string {
  const blocks: string[] = [];
  if (parts.urgent) blocks.push(parts.urgent);
  if (parts.notice) blocks.push(parts.notice);
  const head = [parts.title, parts.gist].filter(Boolean).join('\n');
  if (head) blocks.push(head);
  if (parts.details) blocks.push(parts.details.replace(/^#{1,4}\s+(.+)$/gm, '$1:'));
  if (parts.staleNote) blocks.push(`⚠ ${parts.staleNote}`);
  if (parts.closing) blocks.push(parts.closing);
  if (citations.length > 0) {
    const lines = citations.map((c) => `- ${c.title}${c.source ? ` — ${c.source}` : ''} (${parts.checkedLabel ?? 'checked on'} ${c.verified})`);
    blocks.push(`${parts.sourcesLabel ?? 'Sources'}:\n${lines.join('\n')}`);
  }
  return blocks.join('\n\n');
}
