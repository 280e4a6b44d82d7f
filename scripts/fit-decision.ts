// Fits the answer / clarify / no-answer decision on the *tune* split only (see src/engine/decide.ts
// and src/engine/question-sets.ts): `npx tsx scripts/fit-decision.ts [--write]`.
// Logistic regression (plain gradient descent with L2; nine features, a few hundred questions:
// no library needed) predicts whether the first item answers the question; `answer_at` is the
// lowest threshold whose wrong-answer rate on tune stays within 2.5% (the target on test is 3%);
// `clarify_at` extends downwards while at least half of the "did you mean…?" offers contain a right item.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { createRuntime } from '../src/main.ts';
import { readQuestionSet, effectiveExpect } from '../src/engine/evaluate.ts';
import { defaultQuestionSets, splitOf } from '../src/engine/question-sets.ts';
import { FEATURES, plausible, probability, type DecisionModel, type Features } from '../src/engine/decide.ts';

const write = process.argv.includes('--write');
const WRONG_TARGET = 0.025;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'discorsi-fit-'));
const runtime = await createRuntime(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { log: createLogger('silent') });
const known = new Set(runtime.index.itemIds());
const questions = defaultQuestionSets().flatMap(readQuestionSet).filter((q) => splitOf(q.q) === 'tune');

interface Row { x: Features; y: number; optionsRight: boolean; q: string }
const rows: Row[] = [];
for (const q of questions) {
  const expect = effectiveExpect(q, (id) => known.has(id));
  const kinds = expect.kinds ?? (expect.kind ? [expect.kind] : []);
  const informational = (expect.items?.length ?? 0) > 0 || (kinds.length > 0 && kinds.every((k) => ['no_answer', 'out_of_scope', 'clarify', 'handoff'].includes(k)) && q.expect.triage === undefined);
  if (!informational || q.expect.handoff) continue;
  const a = await runtime.engine.assess({ userId: 'fit', channel: 'fit', text: q.q, audience: q.audience ?? 'migrant', languageHint: q.lang });
  const right = new Set(expect.uncovered ? [] : expect.items ?? []);
  const y = a.hits[0] && right.has(a.hits[0].id) ? 1 : 0;
  const options = plausible(a.hits, (h) => h.id);
  rows.push({ x: a.decision.features, y, optionsRight: options.some((o) => right.has(o.id)), q: q.q });
}

for (const f of FEATURES) { const m = (y: number) => { const r = rows.filter((x) => x.y === y); return r.reduce((a, x) => a + x.x[f], 0) / (r.length || 1); }; if (process.argv.includes("--explain")) console.log(f, "mean when right", m(1).toFixed(3), "when wrong", m(0).toFixed(3)); }
// Gradient descent on the log-loss with a small L2 penalty.
const w: Record<string, number> = Object.fromEntries(FEATURES.map((f) => [f, 0]));
let b = 0;
const lr = 0.5;
const l2 = 0.001;
for (let epoch = 0; epoch < 4000; epoch++) {
  const grad: Record<string, number> = Object.fromEntries(FEATURES.map((f) => [f, 0]));
  let gb = 0;
  for (const r of rows) {
    const p = probability(r.x, { weights: w as DecisionModel['weights'], bias: b, answer_at: 0, clarify_at: 0 });
    const e = p - r.y;
    for (const f of FEATURES) grad[f]! += e * r.x[f];
    gb += e;
  }
  for (const f of FEATURES) w[f]! -= lr * (grad[f]! / rows.length + l2 * w[f]!);
  b -= lr * (gb / rows.length);
  // Known directions: evidence for the card can only raise the probability, a missing informative word only lower it.
  for (const f of ['confidence', 'similarity', 'coverage', 'margin', 'agreed', 'lexical_first', 'vector_first', 'vector_margin', 'sure', 'title'] as const) w[f] = Math.max(0, w[f]!);
  w.missing = Math.min(0, w.missing!);
}
const model: DecisionModel = { weights: w as DecisionModel['weights'], bias: b, answer_at: 0.5, clarify_at: 0.3 };
const scored = rows.map((r) => ({ ...r, p: probability(r.x, model) }));

if (process.argv.includes('--explain')) {
  for (let t = 0.95; t >= 0.4; t -= 0.05) {
    const a = scored.filter((r) => r.p >= t);
    console.log(`answer_at ${t.toFixed(2)}: answers ${(a.length / scored.length * 100).toFixed(1)}%, correct ${(a.filter((r) => r.y === 1).length / scored.length * 100).toFixed(1)}%, wrong ${(a.filter((r) => r.y === 0).length / scored.length * 100).toFixed(1)}%`);
  }
}
let answerAt = 0.99;
for (let t = 0.99; t >= 0.3; t -= 0.01) {
  const wrong = scored.filter((r) => r.p >= t && r.y === 0).length;
  if (wrong / scored.length <= WRONG_TARGET) answerAt = t;
  else break;
}
let clarifyAt = answerAt;
for (let t = answerAt - 0.01; t >= Math.max(0.05, answerAt - 0.55); t -= 0.01) {
  const band = scored.filter((r) => r.p >= t && r.p < answerAt);
  if (band.length && band.filter((r) => r.optionsRight).length / band.length >= 0.5) clarifyAt = t;
  else if (band.length > 5) break;
}
model.answer_at = Math.round(answerAt * 100) / 100;
model.clarify_at = Math.round(clarifyAt * 100) / 100;
const answered = scored.filter((r) => r.p >= model.answer_at);
const report = {
  tune_questions: scored.length,
  positives: scored.filter((r) => r.y === 1).length,
  answer_rate: answered.length / scored.length,
  correct_answer_rate: answered.filter((r) => r.y === 1).length / scored.length,
  wrong_answer_rate: answered.filter((r) => r.y === 0).length / scored.length,
  clarify_rate: scored.filter((r) => r.p >= model.clarify_at && r.p < model.answer_at).length / scored.length,
};
console.log(JSON.stringify({ model, report }, null, 1));
if (write) {
  const out = {
    _comment: 'Written by scripts/fit-decision.ts (logistic regression on the tune split); do not edit by hand.',
    ...model,
    weights: Object.fromEntries(Object.entries(model.weights).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
    bias: Math.round(model.bias * 1000) / 1000,
    fitted: { date: new Date().toISOString().slice(0, 10), split: 'tune', ...Object.fromEntries(Object.entries(report).map(([k, v]) => [k, Math.round(v * 1000) / 1000])) },
  };
  fs.writeFileSync(path.join(root, 'src/engine/decision-model.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log('written src/engine/decision-model.json');
}
fs.rmSync(dataDir, { recursive: true, force: true });
