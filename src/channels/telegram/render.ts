/**
 * Renders a Reply as Telegram HTML: urgent lines first, the gist in bold, steps as lists, sources
 * as links with their verified date. Messages are split at Telegram's 4,096-character limit on
 * paragraph boundaries; right-to-left paragraphs start with a RIGHT-TO-LEFT MARK so a leading
 * Latin word (ASL, 112) does not flip the paragraph's direction in the client.
 */
import { RTL_LANGUAGES, type Language } from '../../core/languages.ts';
import type { Citation, Reply } from '../../core/types.ts';

export const TELEGRAM_LIMIT = 4096;
const RLM = '\u200f';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** Markdown-light details → HTML paragraphs: `## heading` in bold, `-`/`*` items as bullets. */
function detailsToBlocks(details: string): string[] {
  return details
    .split(/\n{2,}/)
    .map((para) =>
      para
        .split('\n')
        .map((line) => {
          const heading = /^#{1,4}\s+(.+)$/.exec(line);
          if (heading) return `<b>${escapeHtml(heading[1]!)}</b>`;
          const bullet = /^\s*[-*]\s+(.+)$/.exec(line);
          if (bullet) return `• ${escapeHtml(bullet[1]!)}`;
          return escapeHtml(line);
        })
        .join('\n'),
    )
    .filter((b) => b.trim());
}

function sourcesBlock(citations: readonly Citation[], label: string, checked: string): string | undefined {
  if (citations.length === 0) return undefined;
  const lines = citations.map((c) => {
    const title = escapeHtml(c.title);
    const link = /^https?:\/\//.test(c.source) ? `<a href="${escapeAttr(c.source)}">${title}</a>` : title;
    return `📚 ${link} <i>(${escapeHtml(checked)} ${escapeHtml(c.verified)})</i>`;
  });
  return `<b>${escapeHtml(label)}</b>\n${lines.join('\n')}`;
}

/** The reply as HTML paragraphs, in reading order. */
export function replyBlocks(reply: Reply): string[] {
  const p = reply.parts;
  const blocks: string[] = [];
  if (p.urgent) blocks.push(`🚨 <b>${escapeHtml(p.urgent)}</b>`);
  if (p.notice) blocks.push(`<i>${escapeHtml(p.notice)}</i>`);
  if (p.title) blocks.push(`<u>${escapeHtml(p.title)}</u>`);
  if (p.gist) blocks.push(`<b>${escapeHtml(p.gist)}</b>`);
  if (p.details) blocks.push(...detailsToBlocks(p.details));
  if (p.staleNote) blocks.push(`⚠️ <i>${escapeHtml(p.staleNote)}</i>`);
  if (p.closing) blocks.push(escapeHtml(p.closing));
  const sources = sourcesBlock(reply.citations, p.sourcesLabel ?? 'Sources', p.checkedLabel ?? 'checked on');
  if (sources) blocks.push(sources);
  return blocks;
}

/** Splits one over-long paragraph of HTML at line or word boundaries, never inside a tag or entity. */
function splitBlock(block: string, limit: number): string[] {
  if (block.length <= limit) return [block];
  const parts: string[] = [];
  // Tags are only ever opened and closed on one line, so cutting between lines is safe.
  let current = '';
  for (const line of block.split('\n')) {
    const pieces = line.length <= limit ? [line] : (line.replace(/<[^>]+>/g, '').match(new RegExp(`[^]{1,${limit - 10}}(\\s|$)`, 'g')) ?? [line.slice(0, limit)]);
    for (const piece of pieces) {
      if (current && current.length + piece.length + 1 > limit) {
        parts.push(current);
        current = '';
      }
      current = current ? `${current}\n${piece}` : piece;
    }
  }
  if (current) parts.push(current);
  return parts;
}

/** Joins paragraphs into messages of at most `limit` characters. */
export function packMessages(blocks: readonly string[], language: Language, limit = TELEGRAM_LIMIT): string[] {
  const rtl = RTL_LANGUAGES.has(language);
  const mark = (b: string) => (rtl ? b.split('\n').map((l) => (l ? RLM + l : l)).join('\n') : b);
  const messages: string[] = [];
  let current = '';
  for (const block of blocks.map(mark).flatMap((b) => splitBlock(b, limit))) {
    if (current && current.length + block.length + 2 > limit) {
      messages.push(current);
      current = '';
    }
    current = current ? `${current}\n\n${block}` : block;
  }
  if (current) messages.push(current);
  return messages;
}

/** The reply as one or more Telegram HTML messages. */
export function renderTelegram(reply: Reply, limit = TELEGRAM_LIMIT): string[] {
  return packMessages(replyBlocks(reply), reply.language, limit);
}
