// Prints, for each question of a set, the top items with their similarity, coverage and confidence.
import fs from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { createRuntime } from '../src/main.ts';
import { confidenceOf } from '../src/engine/confidence.ts';

const file = process.argv[2] ?? '../shared/eval/dev-questions.jsonl';
const config = loadConfig();
const runtime = await createRuntime(config, { log: createLogger('warn') });
for (const line of fs.readFileSync(file, 'utf8').trim().split('\n')) {
  const q = JSON.parse(line) as { q: string; lang: string };
  const lang = runtime.engine.languageOf({ text: q.q });
  const hits = await runtime.retriever.retrieve({ text: q.q, lang, audience: 'migrant', k: 3 });
  console.log(`[${q.lang}->${lang}] ${q.q.slice(0, 60)}`);
  for (const h of hits) console.log(`    ${h.id.padEnd(36)} sim ${h.similarity.toFixed(2)} cov ${h.coverage.toFixed(2)} conf ${confidenceOf(h)} (${h.chunk.lang})`);
}
