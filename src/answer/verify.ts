/**
 * Checks a generated answer before it is sent: cited passage numbers exist, every number in the
 * answer (phone numbers, amounts, dates, deadlines) appears in a cited passage, and the answer is
 * in the expected language. Returns the reason it fails, or undefined.
 */
import type { Language } from '../core/languages.ts';
import type { LanguageDetector } from '../i18n/detect-language.ts';

export type VerifyFailure = 'empty' | 'refusal' | 'no_citation' | 'bad_citation' | 'unsupported_number' | 'wrong_language';

/** Citation numbers like [1] or [1, 3] in a text. */
export function citedNumbers(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/\[(\d+(?:\s*[,;]\s*\d+)*)\]/g)) for (const n of m[1]!.split(/[,;]/)) out.push(Number(n.trim()));
  return [...new Set(out)];
}

/** Digit runs of a text; "800 290 290" and "800290290" are both checked as their digits. */
function numbers(text: string): string[] {
  return text.replace(/\[(\d+(?:\s*[,;]\s*\d+)*)\]/g, ' ').match(/\d+/g) ?? [];
}

const REFUSAL = /\b(I can(?:no|')t help|as an ai|I'm sorry, but I can(?:no|')t|non posso aiutarti con)\b/i;

export function verifyAnswer(input: {
  text: string;
  passages: readonly string[];
  language: Language;
  detector: LanguageDetector;
}): VerifyFailure | undefined {
  const text = input.text.trim();
  if (text.length < 2) return 'empty';
  if (REFUSAL.test(text)) return 'refusal';
  const cited = citedNumbers(text);
  if (cited.length === 0) return 'no_citation';
  if (cited.some((n) => n < 1 || n > input.passages.length)) return 'bad_citation';
  const source = cited.map((n) => input.passages[n - 1]!).join('\n');
  const sourceDigits = source.replace(/\D+/g, ' ');
  const compact = source.replace(/\D+/g, '');
  for (const n of numbers(text)) {
    if (!new RegExp(`(^|\\D)${n}(\\D|$)`).test(sourceDigits) && !(n.length >= 6 && compact.includes(n))) return 'unsupported_number';
  }
  const detected = input.detector.detect(text.replace(/\[\d+\]/g, ''));
  if (detected.reliable && detected.language && detected.language !== input.language) return 'wrong_language';
  return undefined;
}
