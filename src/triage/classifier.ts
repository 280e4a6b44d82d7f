/**
 * The statistical layer of triage: a character n-gram model (naive-Bayes log-odds, sparse) trained
 * offline on the *tune* half of the safety sets by `scripts/train-triage-classifier.mts`. It catches
 * phrasings the lexicons do not know. It can only add an alarm when the lexicons found none, never
 * remove one; its thresholds were chosen by cross-validation on tune for few false alarms.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldText } from '../rag/text.ts';

export interface ClassifierModel {
  n: number[];
  /** Per triage category: bias, threshold and the n-grams that speak for it (log-odds against ordinary). */
  classes: Record<string, { bias: number; threshold: number; weights: Record<string, number> }>;
}

/** Character n-grams of a folded text, words padded with spaces. */
export function ngrams(text: string, sizes: readonly number[]): Set<string> {
  const folded = ` ${foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  const out = new Set<string>();
  for (const n of sizes) for (let i = 0; i + n <= folded.length; i++) out.add(folded.slice(i, i + n));
  return out;
}

/** Score of each category for a text (higher: more likely). */
export function scores(model: ClassifierModel, text: string): Record<string, number> {
  const grams = ngrams(text.slice(0, 4000), model.n);
  const norm = Math.sqrt(grams.size || 1);
  const out: Record<string, number> = {};
  for (const [c, m] of Object.entries(model.classes)) {
    let s = 0;
    for (const g of grams) s += m.weights[g] ?? 0;
    out[c] = m.bias + s / norm;
  }
  return out;
}

/** The most likely category above its threshold, if any. */
export function classify(model: ClassifierModel, text: string): string | undefined {
  let best: string | undefined;
  let margin = 0;
  for (const [c, s] of Object.entries(scores(model, text))) {
    const over = s - model.classes[c]!.threshold;
    if (over > margin) {
      margin = over;
      best = c;
    }
  }
  return best;
}

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'classifier-model.json');

/** The shipped model, or none (triage then relies on the lexicons alone). */
export function loadClassifier(file = FILE): ClassifierModel | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ClassifierModel) : undefined;
}
