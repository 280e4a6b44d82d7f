/**
 * Detects which of our twelve languages a message is written in. Scripts decide first (Chinese,
 * Bengali, Cyrillic → Ukrainian, Arabic vs Urdu letters); Latin-script text goes to eld restricted
 * to our languages, after removing the Italian office names people type in any language.
 * eld's dictionary is large: one detector per process, loaded lazily and shared.
 */
import { LANGUAGES, type Language } from '../core/languages.ts';
import officialTerms from './official-terms.json' with { type: 'json' };

export interface Detection {
  language?: Language;
  /** False when the text is too short or ambiguous: callers then use the person's known language. */
  reliable: boolean;
}

/** Detects the language of a text. */
export interface LanguageDetector {
  detect(text: string): Detection;
}

const URDU_LETTERS = /[ٹڈڑںےۓہھیکگ]/u;
const TERMS_RE = new RegExp(
  `(^|[^\\p{L}])(${officialTerms.terms
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .sort((a, b) => b.length - a.length)
    .join('|')})(?=$|[^\\p{L}])`,
  'gu',
);

interface Eld {
  detect(text: string): { language: string; isReliable(): boolean };
  setLanguageSubset(langs: string[]): unknown;
}

let shared: Eld | undefined;
async function loadEld(): Promise<Eld> {
  if (!shared) {
    // The extra-small dictionary: ~90 MB instead of ~150 MB, same accuracy on our 12 languages.
    const mod = (await import('eld/extrasmall')) as unknown as { eld: Eld };
    shared = mod.eld;
    shared.setLanguageSubset(['it', 'en', 'fr', 'es', 'ro', 'sq', 'pt']);
  }
  return shared;
}

function count(re: RegExp, text: string): number {
  return text.match(re)?.length ?? 0;
}

/** Creates the detector (loads eld once per process). */
export async function createLanguageDetector(): Promise<LanguageDetector> {
  const eld = await loadEld();
  return {
    detect(text: string): Detection {
      const han = count(/\p{Script=Han}/gu, text);
      const bengali = count(/\p{Script=Bengali}/gu, text);
      const arabic = count(/\p{Script=Arabic}/gu, text);
      const cyrillic = count(/\p{Script=Cyrillic}/gu, text);
      const latin = count(/\p{Script=Latin}/gu, text);
      const best = Math.max(han * 3, bengali, arabic, cyrillic, latin);
      if (best === 0) return { reliable: false };
      const scriptReliable = best >= 4;
      if (han * 3 === best) return { language: 'zh', reliable: han >= 2 };
      if (bengali === best) return { language: 'bn', reliable: scriptReliable };
      if (cyrillic === best) return { language: 'uk', reliable: scriptReliable };
      if (arabic === best) return { language: URDU_LETTERS.test(text) ? 'ur' : 'ar', reliable: scriptReliable };
      const stripped = text.normalize('NFC').toLowerCase().replace(/[’‘`]/g, "'").replace(TERMS_RE, '$1 ').trim();
      const letters = count(/\p{L}/gu, stripped);
      if (letters < 3) return { reliable: false };
      const result = eld.detect(stripped);
      const language = LANGUAGES.find((l) => l === result.language);
      const wordsCount = stripped.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;
      return { language, reliable: Boolean(language) && wordsCount >= 3 && letters >= 12 && result.isReliable() };
    },
  };
}
