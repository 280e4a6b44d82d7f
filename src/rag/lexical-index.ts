/**
 * BM25 over chunks with MiniSearch. Documents are analysed by their own language (stop words,
 * Snowball stems, prefix stems where no stemmer exists) before they reach MiniSearch, which then
 * only splits on spaces; queries are analysed the same way, with prefix and fuzzy matching for typos.
 */
import MiniSearch from 'minisearch';
import type { Language } from '../core/languages.ts';
import type { Chunk } from './chunker.ts';
import { lexicalTerms } from './text.ts';

interface LexicalDoc {
  id: number;
  title: string;
  text: string;
  questions: string;
}

const OPTIONS = {
  idField: 'id',
  fields: ['title', 'text', 'questions'],
  storeFields: [] as string[],
  tokenize: (text: string) => text.split(' ').filter(Boolean),
  processTerm: (term: string) => term,
};

export interface LexicalHit {
  label: number;
  score: number;
  /** Query terms found in this chunk. */
  matched: string[];
}

function analyse(chunk: Chunk, label: number): LexicalDoc {
  return {
    id: label,
    title: lexicalTerms(chunk.title + ' ' + (chunk.section ?? ''), chunk.lang).join(' '),
    text: lexicalTerms(chunk.text, chunk.lang).join(' '),
    questions: lexicalTerms(chunk.questions.join(' \n '), chunk.lang).join(' '),
  };
}

/** BM25 index whose ids are row numbers of the chunk table. */
export class LexicalIndex {
  private constructor(private readonly mini: MiniSearch<LexicalDoc>) {}

  static build(chunks: readonly Chunk[]): LexicalIndex {
    const mini = new MiniSearch<LexicalDoc>(OPTIONS);
    mini.addAll(chunks.map(analyse));
    return new LexicalIndex(mini);
  }

  static fromJSON(json: string): LexicalIndex {
    return new LexicalIndex(MiniSearch.loadJSON<LexicalDoc>(json, OPTIONS));
  }

  toJSON(): string {
    return JSON.stringify(this.mini);
  }

  /** Query terms as the index sees them. */
  static queryTerms(text: string, lang: Language | undefined): string[] {
    return [...new Set(lexicalTerms(text, lang))];
  }

  search(terms: readonly string[], k: number, filter?: (label: number) => boolean): LexicalHit[] {
    if (terms.length === 0) return [];
    const hits = this.mini.search(terms.join(' '), {
      combineWith: 'OR',
      prefix: (term) => term.length >= 4,
      fuzzy: (term) => (term.length >= 6 && !/^\d+$/.test(term) ? 0.2 : false),
      boost: { title: 2, questions: 1.5, text: 1 },
      filter: filter ? (r) => filter(r.id as number) : undefined,
    });
    return hits.slice(0, k).map((h) => ({ label: h.id as number, score: h.score, matched: h.queryTerms }));
  }
}
