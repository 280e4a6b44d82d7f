/**
 * Where the question sets live, and the one fixed rule that splits every set into *tune* and
 * *test*: a question belongs to `tune` when the first hex digit of sha256 of its normalised text is
 * 0–7, else to `test`. The rule depends on the question alone (not on its file, its order or the
 * day), so adding questions never moves old ones, and a question copied into two sets lands on the
 * same side. Thresholds and weights are fitted on `tune` only; the README reports `test`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalise } from '../knowledge/eval-leaks.ts';

export type Split = 'tune' | 'test';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The side of the split a question falls on. */
export function splitOf(question: string): Split {
  const digit = crypto.createHash('sha256').update(normalise(question)).digest('hex')[0]!;
  return parseInt(digit, 16) < 8 ? 'tune' : 'test';
}

/** Folders whose JSON Lines files are evaluation sets (the project's, the shared dev set, the safety sets). */
export function evaluationFolders(cwd = process.cwd()): string[] {
  return [path.join(PROJECT_ROOT, 'eval'), path.resolve(cwd, '../shared/eval'), path.join(PROJECT_ROOT, 'test/safety')];
}

/** The information-question sets `discorsi eval` runs by default: eval/*.jsonl and the shared dev set. */
export function defaultQuestionSets(cwd = process.cwd()): string[] {
  const own = path.join(PROJECT_ROOT, 'eval');
  const files = fs.existsSync(own) ? fs.readdirSync(own).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(own, f)) : [];
  const shared = path.resolve(cwd, '../shared/eval/dev-questions.jsonl');
  // The project keeps a copy of the shared dev set: read it once.
  return fs.existsSync(shared) ? [shared, ...files.filter((f) => path.basename(f) !== 'dev-questions.jsonl')] : files;
}
