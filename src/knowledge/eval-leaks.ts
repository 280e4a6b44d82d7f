/**
 * Evaluation questions must never sit in the knowledge base: a question copied into a card's
 * ways of asking retrieves that card by construction, and every figure measured on it is void.
 * Questions are compared after normalisation (case, accents, punctuation); a way of asking that
 * shares almost all its words with an evaluation question counts too.
 */
import fs from 'node:fs';
import path from 'node:path';

export function normalise(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Every `q` of the JSON Lines files under these folders (recursively). */
export function evaluationQuestions(dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.jsonl')) {
        for (const line of fs.readFileSync(p, 'utf8').split('\n')) {
          if (!line.trim()) continue;
          try {
            const row = JSON.parse(line) as { q?: unknown; text?: unknown };
            const q = row.q ?? row.text;
            if (typeof q === 'string') out.push(q);
          } catch {
            // a malformed line is the eval command's problem, not the lint's
          }
        }
      }
    }
  };
  dirs.forEach(walk);
  return out;
}

export interface Leak {
  question: string;
  file: string;
  how: 'verbatim' | 'near';
}

/**
 * Finds evaluation questions inside knowledge texts. `texts` maps a file to its whole content;
 * `asked` maps a file to its ways of asking. Questions of fewer than 4 words are ignored
 * ("ciao", "operatore" are legitimately everywhere).
 */
export function findLeaks(questions: readonly string[], texts: ReadonlyMap<string, string>, asked: ReadonlyMap<string, readonly string[]>): Leak[] {
  // Word 4-grams of every knowledge text: a question is inside a text when all its 4-grams are
  // (checked exactly on the files that have them all), without scanning megabytes per question.
  const grams = new Map<string, Set<string>>();
  const normTexts = new Map<string, string>();
  for (const [file, text] of texts) {
    const n = normalise(text);
    normTexts.set(file, ` ${n} `);
    const w = n.split(' ');
    for (let i = 0; i + 4 <= w.length; i++) {
      const g = w.slice(i, i + 4).join(' ');
      let set = grams.get(g);
      if (!set) grams.set(g, (set = new Set()));
      set.add(file);
    }
  }
  const byWord = new Map<string, number[]>();
  const askedSets: { file: string; words: Set<string> }[] = [];
  for (const [file, qs] of asked) {
    for (const q of qs) {
      const words = new Set(normalise(q).split(' ').filter(Boolean));
      const id = askedSets.push({ file, words }) - 1;
      for (const w of words) (byWord.get(w) ?? byWord.set(w, []).get(w)!).push(id);
    }
  }
  const leaks: Leak[] = [];
  const seen = new Set<string>();
  for (const q of questions) {
    const n = normalise(q);
    const words = n.split(' ').filter(Boolean);
    if (words.length < 4 || seen.has(n)) continue;
    seen.add(n);
    let files: Set<string> | undefined;
    for (let i = 0; i + 4 <= words.length && (files === undefined || files.size > 0); i++) {
      const f = grams.get(words.slice(i, i + 4).join(' '));
      files = f ? (files ? new Set([...files].filter((x) => f.has(x))) : new Set(f)) : new Set();
    }
    const verbatim = [...(files ?? [])].find((file) => normTexts.get(file)!.includes(` ${n} `));
    if (verbatim) {
      leaks.push({ question: q, file: verbatim, how: 'verbatim' });
      continue;
    }
    const set = new Set(words);
    const counts = new Map<number, number>();
    for (const w of set) for (const id of byWord.get(w) ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const [id, inter] of counts) {
      const other = askedSets[id]!;
      if (inter / (set.size + other.words.size - inter || 1) >= 0.8) {
        leaks.push({ question: q, file: other.file, how: 'near' });
        break;
      }
    }
  }
  return leaks;
}
