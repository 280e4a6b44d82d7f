// Shows BM25 and vector hits separately for one question: `npx tsx scripts/why.ts "question"`.
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { createRuntime } from '../src/main.ts';
import { LexicalIndex } from '../src/rag/lexical-index.ts';

const runtime = await createRuntime(loadConfig(), { log: createLogger('warn') });
const text = process.argv[2]!;
const lang = runtime.engine.languageOf({ text });
const terms = LexicalIndex.queryTerms(text, lang);
console.log('lang', lang, 'terms', terms);
for (const h of runtime.index.lexical.search(terms, 8)) {
  const c = runtime.index.chunks[h.label]!;
  console.log(`  bm25 ${h.score.toFixed(2)} ${c.itemId} (${c.lang}) matched ${h.matched.join(',')}`);
}
const [v] = await runtime.embedder.embed([text]);
for (const h of runtime.index.vector.search(v!, 8)) {
  const c = runtime.index.chunks[runtime.index.data.rowChunk[h.label]!]!;
  console.log(`  vec ${h.similarity.toFixed(2)} ${c.itemId} (${c.lang})`);
}
for (const mode of ['hybrid', 'bm25', 'vector'] as const) {
  const hits = await runtime.retriever.retrieve({ text, lang, audience: 'migrant', k: 3, mode });
  console.log(mode, hits.map((h) => `${h.id} ${h.score.toFixed(4)} sim ${h.similarity.toFixed(2)} cov ${h.coverage.toFixed(2)}`).join(' | '));
}
