/**
 * Renders a reply for a terminal. Right-to-left paragraphs (Arabic, Urdu) start with a RIGHT-TO-LEFT
 * MARK so terminals that apply the bidi algorithm lay them out right to left, with numbers and
 * Latin-script names (ASL, 112) kept in place.
 */
import { RTL_LANGUAGES } from '../../core/languages.ts';
import type { Reply } from '../../core/types.ts';

const RLM = '\u200f';

export function renderTerminal(reply: Reply): string {
  if (!RTL_LANGUAGES.has(reply.language)) return reply.text;
  return reply.text
    .split('\n')
    .map((line) => (line.trim() ? RLM + line : line))
    .join('\n');
}
