// Removes from the cards' `questions:` every way of asking that the lint finds in an evaluation set
// (word for word or almost): `npx tsx scripts/drop-leaked-questions.ts`. It only deletes lines;
// write new ways of asking from the needs if a card is left with fewer than 6.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluationQuestions, normalise } from '../src/knowledge/eval-leaks.ts';
import { evaluationFolders } from '../src/engine/question-sets.ts';
import { listKnowledgeFiles } from '../src/rag/ingest.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const knowledge = path.join(root, 'knowledge');
const questions = evaluationQuestions(evaluationFolders()).map(normalise).filter((q) => q.split(' ').length >= 4);
const sets = questions.map((q) => new Set(q.split(' ')));
const byWord = new Map<string, number[]>();
sets.forEach((set, i) => { for (const w of set) (byWord.get(w) ?? byWord.set(w, []).get(w)!).push(i); });
const close = (line: string) => {
  const n = normalise(line);
  const words = new Set(n.split(' '));
  const counts = new Map<number, number>();
  for (const w of words) for (const i of byWord.get(w) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
  for (const [i, inter] of counts) {
    if (inter / (words.size + sets[i]!.size - inter || 1) >= 0.8) return true;
    if (inter === sets[i]!.size && ` ${n} `.includes(` ${questions[i]} `)) return true;
  }
  return false;
};
let dropped = 0;
for (const file of listKnowledgeFiles(knowledge).filter((f) => f.endsWith('.md'))) {
  const full = path.join(knowledge, file);
  const text = fs.readFileSync(full, 'utf8');
  const end = text.indexOf('\n---', 3);
  if (!text.startsWith('---') || end < 0) continue;
  const head = text.slice(0, end).split('\n');
  let inQuestions = false;
  const kept = head.filter((line) => {
    if (/^questions:/.test(line)) inQuestions = true;
    else if (/^\S/.test(line)) inQuestions = false;
    if (inQuestions && /^\s+-\s+/.test(line) && close(line.replace(/^\s+-\s+/, '').replace(/^["']|["']$/g, ''))) {
      dropped++;
      console.log(`${file}: ${line.trim()}`);
      return false;
    }
    return true;
  });
  if (kept.length !== head.length) fs.writeFileSync(full, kept.join('\n') + text.slice(end));
}
console.log(`${dropped} way(s) of asking removed`);
