/**
 * Query expansion with the glossary of official terms (./glossary.json): people write "residence
 * permit", "permiso de residencia" or "الإقامة"; the cards say "permesso di soggiorno". When a
 * message contains a variant, the official Italian term is added to what is searched.
 * Latin and Cyrillic variants match whole words (looked up as word n-grams in a set); variants in
 * other scripts, which have no spaces to rely on, match as substrings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldText } from './text.ts';

interface GlossaryFile {
  terms: { term: string; variants: Record<string, string[]> }[];
}

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'glossary.json');
const WORDED = /^[\p{Script=Latin}\p{Script=Cyrillic}\d\s'.-]+$/u;
const MAX_PHRASE_WORDS = 6;

export type QueryExpander = ((text: string) => string) & {
  /** The official terms a text mentions, in any of their variants (or as written). */
  terms(text: string): string[];
};

const wordsOf = (folded: string) => folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Loads the glossary; without one, queries are searched as written. */
export function createQueryExpander(file = FILE): QueryExpander {
  if (!fs.existsSync(file)) return Object.assign((text: string) => text, { terms: () => [] });
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as GlossaryFile;
  const phrases = new Map<string, Set<string>>();
  const substrings: { form: string; term: string }[] = [];
  for (const { term, variants } of data.terms) {
    for (const v of Object.values(variants).flat()) {
      const form = foldText(v).trim();
      if (form.length < 2) continue;
      if (WORDED.test(form)) {
        const key = wordsOf(form).join(' ');
        if (!key) continue;
        if (!phrases.has(key)) phrases.set(key, new Set());
        phrases.get(key)!.add(term);
      } else substrings.push({ form, term });
    }
  }
  const officialForms = data.terms.map(({ term }) => ({ term, folded: foldText(term) }));
  const terms = (text: string): string[] => {
    const folded = foldText(text);
    const found = new Set<string>();
    const words = wordsOf(folded);
    for (let i = 0; i < words.length; i++) {
      let phrase = '';
      for (let n = 0; n < MAX_PHRASE_WORDS && i + n < words.length; n++) {
        phrase = n === 0 ? words[i]! : `${phrase} ${words[i + n]}`;
        for (const term of phrases.get(phrase) ?? []) found.add(term);
      }
    }
    for (const { form, term } of substrings) if (!found.has(term) && folded.includes(form)) found.add(term);
    for (const { term, folded: f } of officialForms) if (folded.includes(f)) found.add(term);
    return [...found];
  };
  const expand = (text: string): string => {
    const folded = foldText(text);
    const added = terms(text).filter((term) => !folded.includes(foldText(term)));
    return added.length ? `${text}\n${added.join('\n')}` : text;
  };
  return Object.assign(expand, { terms });
}
