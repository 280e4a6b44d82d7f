/**
 * Whether a message names an Italian office, document or code the bot knows about (ASL, NASpI,
 * Lo.C.A.Re., Questura…): such a message is on topic whatever language surrounds it.
 * Place names (Torino, Italia…) are in the list for language detection but say nothing about the topic.
 */
import { foldText } from '../rag/text.ts';
import officialTerms from './official-terms.json' with { type: 'json' };

const PLACES = new Set(['torino', 'piemonte', 'italia', 'comune']);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NAMES = new RegExp(
  `(^|[^\\p{L}])(${officialTerms.terms.map((t) => foldText(t)).filter((t) => !PLACES.has(t)).map(escape).join('|')})(?=$|[^\\p{L}])`,
  'u',
);

export function mentionsOfficeName(text: string): boolean {
  return NAMES.test(foldText(text));
}
