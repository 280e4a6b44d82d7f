/**
 * Follow-ups that follow: a short message is read together with the person's previous question only
 * when it continues it — it starts with "and…", "e per…", "و…", or refers back ("it", "lo", "це"),
 * or has almost no words of its own — never when it asks something new ("Where can I find
 * emergency housing?" after a health question is a new question). Words are data (./follow-up.json).
 */
import type { Language } from '../core/languages.ts';
import type { InboundMessage } from '../core/types.ts';
import { contentWords, foldText, splitWords } from '../rag/text.ts';
import data from './follow-up.json' with { type: 'json' };

/** Longer messages stand on their own. */
const MAX_CONTENT_WORDS = 5;

const fold = (s: string) => splitWords(foldText(s)).join(' ');
const openers = new Map(Object.entries(data.openers).map(([l, list]) => [l, list.map(fold).filter(Boolean)]));
const references = new Map(Object.entries(data.references).map(([l, list]) => [l, new Set(list.map(fold).filter(Boolean))]));

/** The previous question of the person, if any. */
export function previousQuestion(history: InboundMessage['history']): string | undefined {
  return [...(history ?? [])].reverse().find((h) => h.role === 'user')?.text;
}

/** Whether `text` continues the previous question rather than asking a new one. */
export function isContinuation(text: string, language: Language, history: InboundMessage['history']): boolean {
  if (!previousQuestion(history)) return false;
  const content = contentWords(text, language);
  if (content.length > MAX_CONTENT_WORDS) return false;
  if (content.length <= 1) return true;
  const words = splitWords(foldText(text));
  const joined = words.join(' ');
  const langs = [language, 'en', 'it'];
  for (const l of langs) {
    // Arabic attaches "و" (and) to the next word.
    if (l === 'ar' && /^\s*و/.test(foldText(text).trim())) return true;
    if (openers.get(l)?.some((o) => joined === o || joined.startsWith(`${o} `))) return true;
    if (words.some((w) => references.get(l)?.has(w))) return true;
  }
  return false;
}

/** The follow-up searched together with the previous question. */
export function withPrevious(text: string, history: InboundMessage['history']): string {
  const previous = previousQuestion(history);
  return previous ? `${previous.slice(0, 500)}\n${text}` : text;
}
