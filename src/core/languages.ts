/** The twelve languages Discorsi speaks, in the order menus show them. */
export const LANGUAGES = ['it', 'en', 'fr', 'es', 'ar', 'ro', 'sq', 'zh', 'uk', 'pt', 'bn', 'ur'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Languages written right to left. */
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar', 'ur']);

/** The names each language gives itself, for the language menu. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  it: 'Italiano', en: 'English', fr: 'Français', es: 'Español', ar: 'العربية', ro: 'Română',
  sq: 'Shqip', zh: '中文', uk: 'Українська', pt: 'Português', bn: 'বাংলা', ur: 'اردو',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Maps a platform code such as `pt-BR` or `zh-hans` to one of ours, or undefined. */
export function toLanguage(code: string | undefined | null): Language | undefined {
  if (!code) return undefined;
  const base = code.toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : undefined;
}

/**
 * When an item has no version in a language, the languages to try next (then any version).
 * Romanian and Albanian speakers in Italy usually read Italian; the others more often English.
 */
const FALLBACKS: Record<Language, Language[]> = {
  it: ['en'], en: ['it'], fr: ['it', 'en'], es: ['it', 'en'], ro: ['it', 'en'], sq: ['it', 'en'], pt: ['it', 'en'],
  ar: ['en', 'it'], zh: ['en', 'it'], uk: ['en', 'it'], bn: ['en', 'it'], ur: ['en', 'it'],
};

export function fallbackLanguages(lang: Language): Language[] {
  return FALLBACKS[lang];
}
