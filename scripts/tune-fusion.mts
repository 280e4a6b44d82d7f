// Chooses the vector weight of the hybrid retriever on the *tune* split: recall@1 for each weight.
// `npx tsx scripts/tune-fusion.mts`
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { createRuntime } from '../src/main.ts';
import { createHybridRetriever } from '../src/rag/retriever.ts';
import { createQueryExpander } from '../src/rag/glossary.ts';
import { readQuestionSet } from '../src/engine/evaluate.ts';
import { defaultQuestionSets, splitOf } from '../src/engine/question-sets.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'discorsi-fusion-'));
const rt = await createRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { log: createLogger('silent') });
const known = new Set(rt.index.itemIds());
const qs = defaultQuestionSets().flatMap(readQuestionSet).filter((q) => splitOf(q.q) === 'tune' && q.expect.items?.some((i) => known.has(i)));
for (const w of (process.env.W ?? "0.3").split(",").map(Number)) {
  const r = createHybridRetriever({ index: rt.index, embedder: rt.embedder, expand: createQueryExpander(), vectorWeight: w });
  let at1 = 0, at3 = 0;
  for (const q of qs) {
    const lang = rt.engine.languageOf({ text: q.q, languageHint: q.lang });
    const hits = await r.retrieve({ text: q.q, lang, audience: 'migrant', k: 3 });
    if (q.expect.items!.includes(hits[0]?.id ?? '')) at1++;
    if (hits.some((h) => q.expect.items!.includes(h.id))) at3++;
  }
  console.log(`vector weight ${w}: recall@1 ${(at1 / qs.length).toFixed(3)} recall@3 ${(at3 / qs.length).toFixed(3)} (n=${qs.length})`);
}
fs.rmSync(dataDir, { recursive: true, force: true });
