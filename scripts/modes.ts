// Recall@1/@3 of hybrid, BM25-only and vector-only retrieval on question sets with expected items.
import fs from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { createRuntime } from '../src/main.ts';

const runtime = await createRuntime(loadConfig(), { log: createLogger('warn') });
const qs = process.argv.slice(2).flatMap((f) => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { q: string; lang: string; expect: { items?: string[] } })).filter((q) => q.expect.items?.length);
for (const mode of ['hybrid', 'bm25', 'vector'] as const) {
  let a1 = 0, a3 = 0;
  for (const q of qs) {
    const lang = runtime.engine.languageOf({ text: q.q });
    const ids = (await runtime.retriever.retrieve({ text: q.q, lang, audience: 'migrant', k: 3, mode })).map((h) => h.id);
    if (q.expect.items!.includes(ids[0] ?? '')) a1++;
    if (ids.some((id) => q.expect.items!.includes(id))) a3++;
  }
  console.log(`${mode}: recall@1 ${(a1 / qs.length).toFixed(3)} recall@3 ${(a3 / qs.length).toFixed(3)} (n=${qs.length})`);
}
