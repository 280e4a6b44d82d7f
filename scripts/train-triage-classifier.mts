// Trains the statistical layer of triage on the *tune* half of the safety sets only:
// `npx tsx scripts/train-triage-classifier.mts [--write]`. Thresholds by 5-fold cross-validation
// on tune: for each category, the lowest score at which held-out ordinary messages raise no more
// than 0.2% false alarms. Writes src/triage/classifier-model.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ngrams, scores, type ClassifierModel } from '../src/triage/classifier.ts';
import { splitOf } from '../src/engine/question-sets.ts';
import type { SafetyMessage } from '../src/triage/safety-eval.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = [3, 4, 5];
const KEEP = 4000;
const FA = 0.002;
const TO_CATEGORY: Record<string, string> = { emergency: 'medical_emergency', violence: 'domestic_violence', trafficking: 'exploitation', child: 'child_at_risk', self_harm: 'self_harm', shelter: 'homeless_tonight', eviction: 'eviction_imminent', detention: 'detention' };
const read = (d: string) => fs.readdirSync(path.join(root, d)).filter((f) => f.endsWith('.jsonl')).flatMap((f) => fs.readFileSync(path.join(root, d, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SafetyMessage));
const tune = [...read('test/safety/set'), ...read('test/safety/legacy')].filter((m) => splitOf(m.text) === 'tune' && (m.category === 'ordinary' || TO_CATEGORY[m.category]));

function train(rows: SafetyMessage[]): ClassifierModel {
  const counts = new Map<string, Map<string, number>>();
  const docs = new Map<string, number>();
  for (const r of rows) {
    const c = r.category === 'ordinary' ? 'ordinary' : TO_CATEGORY[r.category]!;
    docs.set(c, (docs.get(c) ?? 0) + 1);
    const m = counts.get(c) ?? new Map<string, number>();
    for (const g of ngrams(r.text, N)) m.set(g, (m.get(g) ?? 0) + 1);
    counts.set(c, m);
  }
  const ord = counts.get('ordinary')!;
  const nOrd = docs.get('ordinary')!;
  const classes: ClassifierModel['classes'] = {};
  for (const [c, m] of counts) {
    if (c === 'ordinary') continue;
    const nc = docs.get(c)!;
    const w: [string, number][] = [];
    for (const [g, k] of m) {
      if (k < 2) continue;
      const lo = Math.log((k + 0.5) / (nc + 1)) - Math.log(((ord.get(g) ?? 0) + 0.5) / (nOrd + 1));
      if (lo > 0) w.push([g, Math.round(lo * 1000) / 1000]);
    }
    w.sort((a, b) => b[1] - a[1]);
    classes[c] = { bias: 0, threshold: Infinity, weights: Object.fromEntries(w.slice(0, KEEP)) };
  }
  return { n: N, classes };
}

// 5-fold cross-validation on tune: held-out scores for every message.
const folds = 5;
const held: { c: string; s: Record<string, number> }[] = [];
for (let f = 0; f < folds; f++) {
  const model = train(tune.filter((_, i) => i % folds !== f));
  tune.forEach((r, i) => { if (i % folds === f) held.push({ c: r.category === 'ordinary' ? 'ordinary' : TO_CATEGORY[r.category]!, s: scores(model, r.text) }); });
}
const final = train(tune);
const report: string[] = [];
for (const c of Object.keys(final.classes)) {
  const ordinary = held.filter((h) => h.c === 'ordinary').map((h) => h.s[c] ?? -Infinity).sort((a, b) => b - a);
  const threshold = ordinary[Math.floor(ordinary.length * FA)] ?? Infinity;
  final.classes[c]!.threshold = Math.round((threshold + 1e-6) * 1000) / 1000;
  const pos = held.filter((h) => h.c === c);
  report.push(`${c}: threshold ${final.classes[c]!.threshold}, held-out recall alone ${(pos.filter((h) => (h.s[c] ?? -Infinity) > threshold).length / pos.length * 100).toFixed(1)}% of ${pos.length}`);
}
console.log(report.join('\n'));
if (process.argv.includes('--write')) {
  fs.writeFileSync(path.join(root, 'src/triage/classifier-model.json'), JSON.stringify(final));
  console.log(`written src/triage/classifier-model.json (${(fs.statSync(path.join(root, 'src/triage/classifier-model.json')).size / 1024).toFixed(0)} KB)`);
}
