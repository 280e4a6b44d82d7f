// Confidence of the top hit for answerable (with expected items) vs unknown questions.
import fs from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { createRuntime } from '../src/main.ts';
const rt = await createRuntime(loadConfig(), { log: createLogger('warn') });
const rows: { sim: number; cov: number; ok: boolean; unknown: boolean }[] = [];
for (const f of process.argv.slice(2)) for (const line of fs.readFileSync(f, 'utf8').trim().split('\n')) {
  const q = JSON.parse(line);
  const unknown = f.includes('unknown');
  if (!unknown && !q.expect.items) continue;
  const lang = rt.engine.languageOf({ text: q.q });
  const [h] = await rt.retriever.retrieve({ text: q.q, lang, audience: 'migrant', k: 1 });
  rows.push({ sim: h?.similarity ?? 0, cov: h?.coverage ?? 0, ok: !unknown && q.expect.items.includes(h?.id), unknown });
}
const formulas: Record<string, (s: number, c: number) => number> = {
  current: (s, c) => 0.6 * Math.min(1, Math.max(0, (s - 0.15) / 0.5)) + 0.4 * c,
  half: (s, c) => 0.5 * Math.min(1, Math.max(0, (s - 0.15) / 0.5)) + 0.5 * c,
  covheavy: (s, c) => 0.35 * Math.min(1, Math.max(0, (s - 0.15) / 0.5)) + 0.65 * c,
  geo: (s, c) => Math.sqrt(Math.min(1, Math.max(0, (s - 0.15) / 0.5)) * c),
};
for (const [name, f] of Object.entries(formulas)) {
  for (const th of [0.3, 0.35, 0.4, 0.45, 0.5]) {
    const ans = rows.filter((r) => !r.unknown && f(r.sim, r.cov) >= th);
    const unk = rows.filter((r) => r.unknown && f(r.sim, r.cov) >= th);
    console.log(`${name.padEnd(8)} th ${th}: answered ${ans.length}/${rows.filter((r) => !r.unknown).length} correct ${ans.filter((r) => r.ok).length}, wrong ${ans.filter((r) => !r.ok).length}; unknown answered ${unk.length}/${rows.filter((r) => r.unknown).length}`);
  }
}
