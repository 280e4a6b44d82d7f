// Prints the README's figures as Markdown: `npx tsx scripts/readme-figures.mts` — information
// questions (discorsi eval, test split) and safety triage (test split), measured in one run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { createRuntime } from '../src/main.ts';
import { evaluate, readQuestionSet } from '../src/engine/evaluate.ts';
import { defaultQuestionSets, splitOf } from '../src/engine/question-sets.ts';
import { createTriage } from '../src/triage/triage.ts';
import { evaluateSafety, type SafetyMessage } from '../src/triage/safety-eval.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'discorsi-fig-'));
const rt = await createRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { log: createLogger('silent') });
const known = new Set(rt.index.itemIds());
const sets = defaultQuestionSets();
const all = sets.flatMap(readQuestionSet);
const test = all.filter((q) => splitOf(q.q) === 'test');
const { report } = await evaluate({ engine: rt.engine, retriever: rt.retriever, known: (id) => known.has(id) }, test);
const out: string[] = [];
out.push(`Measured ${new Date().toISOString().slice(0, 10)} on the **test** split: ${test.length} questions of ${all.length} (${sets.map((s) => path.basename(s)).join(', ')}), offline (local embedder, extractive answers), \`npx discorsi eval\`.`, '');
out.push('| | pass | wrong answer | answered | correct card | "did you mean…?" (right option inside) | no answer |', '| --- | --- | --- | --- | --- | --- | --- |');
out.push(`| **all** | ${pct(report.pass_rate)} | **${pct(report.wrong_answer_rate)}** | ${pct(report.answer_rate)} | ${pct(report.correct_answer_rate)} | ${pct(report.clarify_rate)} (${pct(report.clarify_useful_rate)}) | ${pct(report.no_answer_rate)} |`);
for (const [l, t] of Object.entries(report.by_language).sort()) out.push(`| ${l} (${t.n}) | ${pct(t.rate)} | ${pct(t.wrong_answer_rate)} | ${pct(t.answer_rate)} | | ${pct(t.clarify_rate)} | ${pct(t.no_answer_rate)} |`);
if (report.retrieval) out.push('', `Retrieval alone on the same questions: recall@1 ${report.retrieval.recall_at_1}, recall@3 ${report.retrieval.recall_at_3} (${report.retrieval.n} questions with expected items).`);
const read = (d: string) => fs.existsSync(d) ? fs.readdirSync(d).filter((f) => f.endsWith('.jsonl')).flatMap((f) => fs.readFileSync(path.join(d, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SafetyMessage)) : [];
const safety = [...read('test/safety/set'), ...read('test/safety/legacy')];
const st = safety.filter((m) => splitOf(m.text) === 'test');
const s = evaluateSafety(createTriage(), st);
out.push('', '---SAFETY---', `Measured on the **test** split of the safety sets: ${st.length} of ${safety.length} messages (round-2 set written from situations in 12 languages, 40 situations in all 12; round-1 set kept as "legacy").`, '');
out.push(`Recall of dangerous messages **${pct(s.dangerous.rate)}** (${s.dangerous.ok}/${s.dangerous.n}); false alarms on ordinary messages **${pct(s.ordinary.rate)}** (${s.ordinary.false_alarms}/${s.ordinary.n}); consistency across the 12 languages **${pct(s.consistency.rate)}** of ${s.consistency.groups} situations get the same category everywhere.`, '');
out.push('| rung | recall |', '| --- | --- |');
for (const [k, t] of Object.entries(s.by_rung)) out.push(`| ${k} | ${pct(t.rate)} (${t.ok}/${t.n}) |`);
out.push('', '| language | recall | false alarms |', '| --- | --- | --- |');
for (const [l, t] of Object.entries(s.by_language).sort()) out.push(`| ${l} | ${pct(t.recall.rate)} | ${pct(t.false_alarm.rate)} |`);
out.push('', '---FLOORS---', JSON.stringify({
  by_rung: Object.fromEntries(Object.entries(s.by_rung).filter(([k]) => ['emergency', 'urgent_protection', 'urgent_social'].includes(k)).map(([k, t]) => [k, Math.floor(t.rate * 100 - 3) / 100])),
  false_alarm_ceiling: Math.ceil(s.ordinary.rate * 100 + 2) / 100,
  by_language: Object.fromEntries(Object.entries(s.by_language).map(([l, t]) => [l, Math.floor(t.recall.rate * 100 - 5) / 100])),
  consistency: Math.floor(s.consistency.rate * 100 - 10) / 100,
}));
process.stdout.write(`${out.join('\n')}\n`);
fs.rmSync(dataDir, { recursive: true, force: true });
