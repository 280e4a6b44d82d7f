/**
 * Hybrid retrieval: BM25 and vector search over every language version of every item, fused by
 * reciprocal rank and grouped by item id. Each hit carries the raw strengths (cosine similarity,
 * share of query terms found) from which the engine derives its confidence.
 */
import { fallbackLanguages, type Language } from '../core/languages.ts';
import type { Audience } from '../core/types.ts';
import type { Chunk } from './chunker.ts';
import type { Embedder } from './embedder.ts';
import type { KnowledgeIndex } from './knowledge-index.ts';
import type { QueryExpander } from './glossary.ts';
import { LexicalIndex } from './lexical-index.ts';

export type RetrievalMode = 'hybrid' | 'bm25' | 'vector';

export interface RetrievalQuery {
  text: string;
  lang?: Language;
  audience: Audience;
  topic?: string;
  /** Items to return (default 5). */
  k?: number;
  mode?: RetrievalMode;
}

export interface ItemHit {
  id: string;
  /** Fused score (reciprocal rank fusion), only meaningful for ordering. */
  score: number;
  /** Best cosine similarity between the query and any chunk or way of asking of the item. */
  similarity: number;
  /** Share (0..1) of the query's content terms found in the item's best lexical chunk. */
  coverage: number;
  /** The chunk that matched best. */
  chunk: Chunk;
}

/** Finds the items that answer a question. */
export interface Retriever {
  retrieve(query: RetrievalQuery): Promise<ItemHit[]>;
}

const RRF_K = 60;
const CANDIDATES = 60;

export function createHybridRetriever(deps: { index: KnowledgeIndex; embedder: Embedder; expand?: QueryExpander }): Retriever {
  const { index, embedder } = deps;
  const expand = deps.expand ?? ((text: string) => text);
  return {
    async retrieve(query) {
      const mode = query.mode ?? 'hybrid';
      const text = expand(query.text);
      const allowed = (chunk: Chunk) =>
        (query.audience === 'operator' || chunk.audience === 'migrant') && (!query.topic || chunk.topic === query.topic);
      const chunkFilter = (label: number) => allowed(index.chunks[label]!);
      const perChunk = new Map<number, { rrf: number; sim: number; coverage: number }>();
      const entry = (label: number) => {
        let e = perChunk.get(label);
        if (!e) perChunk.set(label, (e = { rrf: 0, sim: 0, coverage: 0 }));
        return e;
      };

      const terms = LexicalIndex.queryTerms(text, query.lang);
      if (mode !== 'vector') {
        const langs = query.lang ? [query.lang, ...fallbackLanguages(query.lang)] : undefined;
        index.lexical.search(terms, CANDIDATES, chunkFilter, langs).forEach((hit, rank) => {
          const e = entry(hit.label);
          e.rrf += 1 / (RRF_K + rank + 1);
          e.coverage = terms.length ? Math.min(1, hit.matched.length / terms.length) : 0;
        });
      }
      // Similarities are kept in every mode: they measure retrieval strength for the confidence.
      const [qvec] = await embedder.embed([text]);
      // Both halves search the person's language and its fallbacks: other languages only add noise.
      const vecLangs = query.lang ? new Set<string>([query.lang, ...fallbackLanguages(query.lang)]) : undefined;
      const rowHits = index.vector.search(qvec!, CANDIDATES * 2, (row) => {
        const c = index.chunks[index.data.rowChunk[row]!]!;
        return allowed(c) && (!vecLangs || vecLangs.has(c.lang));
      });
      const seen = new Set<number>();
      let rank = 0;
      for (const hit of rowHits) {
        const label = index.data.rowChunk[hit.label]!;
        if (mode === 'bm25' && !perChunk.has(label)) continue;
        const e = entry(label);
        e.sim = Math.max(e.sim, hit.similarity);
        if (seen.has(label)) continue;
        seen.add(label);
        if (mode !== 'bm25') e.rrf += 1 / (RRF_K + ++rank);
      }

      const byItem = new Map<string, ItemHit>();
      for (const [label, e] of perChunk) {
        if (e.rrf === 0) continue;
        const chunk = index.chunks[label]!;
        const prev = byItem.get(chunk.itemId);
        if (!prev) {
          byItem.set(chunk.itemId, { id: chunk.itemId, score: e.rrf, similarity: e.sim, coverage: e.coverage, chunk });
          continue;
        }
        prev.similarity = Math.max(prev.similarity, e.sim);
        prev.coverage = Math.max(prev.coverage, e.coverage);
        if (e.rrf > prev.score) {
          prev.score = e.rrf;
          prev.chunk = chunk;
        }
      }
      return [...byItem.values()].sort((a, b) => b.score - a.score).slice(0, query.k ?? 5);
    },
  };
}
