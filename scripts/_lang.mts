import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { loadConfig } from '../src/config.ts'; import { createLogger } from '../src/core/logger.ts'; import { createRuntime } from '../src/main.ts';
import { readQuestionSet } from '../src/engine/evaluate.ts'; import { defaultQuestionSets, splitOf } from '../src/engine/question-sets.ts';
const rt = await createRuntime(loadConfig({ DATA_DIR: '/tmp/dd2', LOG_LEVEL: 'silent' }), { log: createLogger('silent') });
const qs = defaultQuestionSets().flatMap(readQuestionSet).filter((q) => splitOf(q.q) === 'tune' && q.expect.items?.length);
const by: Record<string, { n: number; at1: number; at3: number; lang: number }> = {};
const show = process.argv[2];
for (const q of qs) {
  const a = await rt.engine.assess({ userId: 'x', channel: 'x', text: q.q, audience: 'migrant', languageHint: q.lang });
  const t = (by[q.lang] ??= { n: 0, at1: 0, at3: 0, lang: 0 });
  t.n++; if (q.expect.items!.includes(a.hits[0]?.id ?? '')) t.at1++; if (a.hits.slice(0, 3).some((h) => q.expect.items!.includes(h.id))) t.at3++; if (a.language === q.lang) t.lang++;
  if (show === q.lang && !q.expect.items!.includes(a.hits[0]?.id ?? '')) console.log(a.language, q.q.slice(0, 80), '→', a.hits.slice(0, 2).map((h) => h.id).join(' '), '| want', q.expect.items!.join(' '));
}
for (const [l, t] of Object.entries(by)) console.log(l, 'n', t.n, 'r@1', (t.at1 / t.n).toFixed(2), 'r@3', (t.at3 / t.n).toFixed(2), 'lang ok', (t.lang / t.n).toFixed(2));
