// Confidence calibration: for each question of a set, top-1 correctness vs confidence.
// Usage: npx tsx scripts/calibrate.ts eval/wide-questions.jsonl
import fs from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { createRuntime } from '../src/main.ts';
import { confidenceOf } from '../src/engine/confidence.ts';
import { createTriage } from '../src/triage/triage.ts';

const runtime = await createRuntime(loadConfig(), { log: createLogger('warn') });
const triage = createTriage();
const rows: { ok: boolean; conf: number; kind: string; lang: string; inScope: boolean; q: string; top: string }[] = [];
for (const file of process.argv.slice(2)) {
  for (const line of fs.readFileSync(file, 'utf8').trim().split('\n')) {
    const q = JSON.parse(line) as { q: string; lang: string; expect: { kind?: string; kinds?: string[]; items?: string[] } };
    const kind = q.expect.kind ?? q.expect.kinds?.[0] ?? 'answer';
    if (kind !== 'answer' && kind !== 'out_of_scope') continue;
    const lang = runtime.engine.languageOf({ text: q.q });
    const hits = await runtime.retriever.retrieve({ text: q.q, lang, audience: 'migrant', k: 3 });
    rows.push({ ok: Boolean(q.expect.items?.includes(hits[0]?.id ?? '')), conf: confidenceOf(hits[0]), kind, lang: q.lang, inScope: triage.classify(q.q).inScope, q: q.q.slice(0, 70), top: hits[0]?.id ?? '-' });
  }
}
const answers = rows.filter((r) => r.kind === 'answer');
console.log(`top-1 correct: ${answers.filter((r) => r.ok).length}/${answers.length}`);
for (const th of [0.15, 0.2, 0.25, 0.3, 0.35, 0.4]) {
  const kept = answers.filter((r) => r.conf >= th);
  const off = rows.filter((r) => r.kind !== 'answer' && r.conf >= th);
  console.log(`th ${th}: answered ${kept.length} (correct ${kept.filter((r) => r.ok).length}), off-topic answered ${off.length}, in-scope off-topic ${off.filter((r) => r.inScope).length}`);
}
if (process.env.SHOW) for (const r of rows.filter((r) => !r.ok || r.kind !== 'answer')) console.log(`${r.ok ? 'ok ' : 'BAD'} ${r.kind.padEnd(12)} ${r.conf.toFixed(2)} ${r.inScope ? 'in ' : 'out'} [${r.lang}] ${r.top.padEnd(32)} ${r.q}`);
