/**
 * Roman-script Urdu, Bengali and Arabic: people type "mujhe doctor chahiye", "ami kaj korte chai",
 * "3ayez ashtaghal" on phones without their own keyboard. eld knows none of these, and would say
 * Spanish or English. Function words typical of each romanisation decide the language
 * (./romanized.json); common content words are glossed in English so retrieval can find the card,
 * and the reply is written in the language's own script.
 */
import type { Language } from '../core/languages.ts';
import { foldText, splitWords } from '../rag/text.ts';
import data from './romanized.json' with { type: 'json' };

type RomanLanguage = keyof typeof data.languages;
const ROMAN = Object.keys(data.languages) as RomanLanguage[];
const markers = new Map(ROMAN.map((l) => [l, new Set(data.languages[l].markers)]));
const glosses = new Map(ROMAN.map((l) => [l, new Map(Object.entries(data.languages[l].words as Record<string, string>))]));
/** Franco-Arabic writes ع, ح, ق, ء as digits inside words: 3ayez, 7abibi, 2ahlan. */
const ARABIZI_DIGITS = /\p{L}[2379]\p{L}|^[2379]\p{L}/u;

export interface RomanizedGuess {
  language: Language;
  /** Marker words found. */
  evidence: number;
}

/** Guesses a romanised Urdu, Bengali or Arabic message; undefined for other text. */
export function detectRomanized(text: string): RomanizedGuess | undefined {
  if (/[^\p{Script=Latin}\p{N}\p{P}\p{S}\p{Z}\s]/u.test(text.replace(/\p{Extended_Pictographic}/gu, ''))) return undefined;
  const words = splitWords(foldText(text));
  if (words.length < 2) return undefined;
  let best: RomanizedGuess | undefined;
  for (const lang of ROMAN) {
    const set = markers.get(lang)!;
    let evidence = words.filter((w) => set.has(w)).length;
    if (lang === 'ar') evidence += words.filter((w) => ARABIZI_DIGITS.test(w)).length;
    evidence += words.filter((w) => glosses.get(lang)!.has(w) && !/^(doctor|hospital|police|passport|bank|sim|school|permit|permesso|tax)$/.test(w)).length * 0.5;
    if (!best || evidence > best.evidence) best = { language: lang, evidence };
  }
  // One marker and one glossed word at least, and a fifth of the words in a longer message.
  if (!best || best.evidence < 1.5 || best.evidence < words.length * 0.2) return undefined;
  return best;
}

/** The message with English glosses of its romanised content words appended, for retrieval. */
export function glossRomanized(text: string, language: Language): string {
  const table = glosses.get(language as RomanLanguage);
  if (!table) return text;
  const extra = splitWords(foldText(text)).flatMap((w) => (table.has(w) ? [table.get(w)!] : []));
  return extra.length ? `${text}\n${extra.join(' ')}` : text;
}
