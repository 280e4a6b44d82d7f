/**
 * Query expansion with the glossary of official terms (./glossary.json): people write "residence
 * permit", "permiso de residencia" or "الإقامة"; the cards say "permesso di soggiorno". When a
 * message contains a variant, the official Italian term is added to what is searched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldText } from './text.ts';

interface GlossaryFile {
  terms: { term: string; variants: Record<string, string[]> }[];
}

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'glossary.json');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type QueryExpander = (text: string) => string;

/** Loads the glossary; without one, queries are searched as written. */
export function createQueryExpander(file = FILE): QueryExpander {
  if (!fs.existsSync(file)) return (text) => text;
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as GlossaryFile;
  const rules = data.terms.map(({ term, variants }) => {
    const forms = [...new Set(Object.values(variants).flat().map((v) => foldText(v).trim()).filter((v) => v.length >= 2))];
    // Latin and Cyrillic variants must match whole words; other scripts have no spaces to rely on.
    const patterns = forms.map((f) => (/^[\p{Script=Latin}\p{Script=Cyrillic}\d\s'.-]+$/u.test(f) ? `(?<![\\p{L}\\p{N}])${escape(f)}(?![\\p{L}\\p{N}])` : escape(f)));
    return { term, re: patterns.length ? new RegExp(patterns.join('|'), 'u') : undefined, folded: foldText(term) };
  });
  return (text) => {
    const folded = foldText(text);
    const added = rules.filter((r) => r.re && !folded.includes(r.folded) && r.re.test(folded)).map((r) => r.term);
    return added.length ? `${text}\n${added.join('\n')}` : text;
  };
}
