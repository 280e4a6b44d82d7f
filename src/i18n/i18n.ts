/**
 * The i18next instance for every interface string, in the twelve languages. Locales are JSON files
 * in ./locales; a key missing in one language falls back to English, then Italian.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';
import { LANGUAGES, type Language } from '../core/languages.ts';

const LOCALES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'locales');

/** Translates a key in a language, with interpolation values. */
export type Translate = (lang: Language, key: string, values?: Record<string, string | number>) => string;

/** Loads every locale file that exists. */
export function loadLocales(dir = LOCALES_DIR): Record<string, { translation: Record<string, unknown> }> {
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const lang of LANGUAGES) {
    const file = path.join(dir, `${lang}.json`);
    if (fs.existsSync(file)) resources[lang] = { translation: JSON.parse(fs.readFileSync(file, 'utf8')) };
  }
  return resources;
}

/** Creates an isolated i18next instance and returns a small translate function over it. */
export function createTranslator(): Translate {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: loadLocales(),
    supportedLngs: [...LANGUAGES],
    fallbackLng: ['en', 'it'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const fixed = new Map<Language, TFunction>();
  return (lang, key, values) => {
    let t = fixed.get(lang);
    if (!t) fixed.set(lang, (t = instance.getFixedT(lang)));
    return t(key, values ?? {}) as string;
  };
}
