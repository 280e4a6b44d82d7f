/**
 * BM25 over chunks with MiniSearch, one index per language: term statistics (IDF) then reflect
 * how common a word is in that language — with one shared index, every French word would look
 * rare next to eleven other languages, and "doit" would weigh as much as "vaccin". Documents are
 * analysed by their own language (stop words, Snowball stems, prefix stems where no stemmer
 * exists) before MiniSearch, which only splits on spaces; queries are analysed the same way, with
 * prefix and fuzzy matching for typos.
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

/** BM25 indexes (one per language) whose ids are row numbers of the chunk table. */
export class LexicalIndex {
  private constructor(private readonly byLang: Map<string, MiniSearch<LexicalDoc>>) {}

  static build(chunks: readonly Chunk[]): LexicalIndex {
    const byLang = new Map<string, MiniSearch<LexicalDoc>>();
    chunks.forEach((chunk, label) => {
      let mini = byLang.get(chunk.lang);
      if (!mini) byLang.set(chunk.lang, (mini = new MiniSearch<LexicalDoc>(OPTIONS)));
      mini.add(analyse(chunk, label));
    });
    return new LexicalIndex(byLang);
  }

  static fromJSON(json: string): LexicalIndex {
    const data = JSON.parse(json) as Record<string, unknown>;
    return new LexicalIndex(new Map(Object.entries(data).map(([lang, mini]) => [lang, MiniSearch.loadJS<LexicalDoc>(mini as never, OPTIONS)])));
  }

  toJSON(): string {
    return JSON.stringify(Object.fromEntries(this.byLang));
  }

  /** Query terms as the index sees them. */
  static queryTerms(text: string, lang: Language | undefined): string[] {
    return [...new Set(lexicalTerms(text, lang))];
  }

  private readonly df = new Map<string, number>();

  /**
   * How informative each term is in these languages (inverse document frequency, 0..1). A term
   * no document contains is the most informative of all: the question asks about something the
   * knowledge base does not have.
   */
  informativeness(terms: readonly string[], langs?: readonly string[]): number[] {
    const total = this.documents(langs);
    const maxIdf = Math.log(1 + total);
    return this.frequencies(terms, langs).map((df) => Math.log(1 + total / (df + 1)) / maxIdf);
  }

  private documents(langs?: readonly string[]): number {
    return (langs ?? [...this.byLang.keys()]).reduce((n, l) => n + (this.byLang.get(l)?.documentCount ?? 0), 0) || 1;
  }

  /** How many chunks of these languages contain each term (0: the knowledge base never uses the word). */
  frequencies(terms: readonly string[], langs?: readonly string[]): number[] {
    const minis = (langs ?? [...this.byLang.keys()]).map((l) => this.byLang.get(l)).filter((m): m is MiniSearch<LexicalDoc> => Boolean(m));
    return terms.map((term) => {
      const key = `${langs?.join(',') ?? '*'}:${term}`;
      let df = this.df.get(key);
      if (df === undefined) {
        df = minis.reduce((n, m) => n + m.search(term, { prefix: term.length >= 4, fuzzy: false, fields: ['title', 'text', 'questions'] }).length, 0);
        if (this.df.size > 50_000) this.df.clear();
        this.df.set(key, df);
      }
      return df;
    });
  }

  /** Searches the indexes of `langs` (all languages when omitted), best first. */
  search(terms: readonly string[], k: number, filter?: (label: number) => boolean, langs?: readonly string[]): LexicalHit[] {
    if (terms.length === 0) return [];
    const out: LexicalHit[] = [];
    for (const lang of langs ?? [...this.byLang.keys()]) {
      const mini = this.byLang.get(lang);
      if (!mini) continue;
      const hits = mini.search(terms.join(' '), {
        combineWith: 'OR',
        prefix: (term) => term.length >= 4,
        fuzzy: (term) => (term.length >= 6 && !/^\d+$/.test(term) ? 0.2 : false),
        boost: { title: 2, questions: 1.5, text: 1 },
        filter: filter ? (r) => filter(r.id as number) : undefined,
      });
      for (const h of hits.slice(0, k)) out.push({ label: h.id as number, score: h.score, matched: h.queryTerms });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, k);
  }
}
