/**
 * Concept lexicons: per language, the words and phrases that name the parts of a situation (who:
 * husband, boss, landlord, police; what: hits, keeps my passport, doesn't pay, takes to a CPR; to
 * whom: a child; when: now, tonight). Entries are phrases of folded words; `hit*` matches words
 * starting with "hit", `*ضرب*` words containing it, `re:` a regular expression on the folded part
 * of the message. Chinese is matched inside the text (no spaces). Idioms ("my boss is killing me
 * with work") are masked before anything else is matched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { foldText, splitWords } from '../rag/text.ts';

export interface ConceptHit {
  concept: string;
  /** Language of the lexicon entry that matched (negation applies within one language). */
  lang: string;
  /** Word position in the message. */
  at: number;
  /** Words covered (for negation and idiom masking). */
  length: number;
}

type Token = { kind: 'exact' | 'prefix' | 'suffix' | 'infix'; value: string };
interface Phrase { concept: string; lang: string; tokens: Token[] }

const HAN = /\p{Script=Han}/u;

function parseToken(raw: string): Token {
  if (raw.length > 2 && raw.startsWith('*') && raw.endsWith('*')) return { kind: 'infix', value: raw.slice(1, -1) };
  if (raw.length > 1 && raw.endsWith('*')) return { kind: 'prefix', value: raw.slice(0, -1) };
  if (raw.length > 1 && raw.startsWith('*')) return { kind: 'suffix', value: raw.slice(1) };
  return { kind: 'exact', value: raw };
}

function tokenMatches(t: Token, word: string): boolean {
  switch (t.kind) {
    case 'exact': return word === t.value;
    case 'prefix': return word.startsWith(t.value);
    case 'suffix': return word.endsWith(t.value);
    case 'infix': return word.includes(t.value);
  }
}

/** Folds an entry word by word the way message text is folded, keeping the * marks. */
function entryTokens(entry: string): Token[] {
  return entry.split(/\s+/).flatMap((w) => {
    const star = w.startsWith('*') || w.endsWith('*');
    const core = w.replace(/^\*|\*$/g, '');
    const folded = splitWords(foldText(core));
    if (folded.length === 0) return [];
    const tokens = folded.map((f) => ({ kind: 'exact' as const, value: f }) as Token);
    if (star) {
      const first = w.startsWith('*');
      const last = w.endsWith('*');
      if (tokens.length === 1) tokens[0] = parseToken(`${first ? '*' : ''}${folded[0]}${last ? '*' : ''}`);
      else {
        if (first) tokens[0] = { kind: 'suffix', value: folded[0]! };
        if (last) tokens[tokens.length - 1] = { kind: 'prefix', value: folded.at(-1)! };
      }
    }
    return tokens;
  });
}

/** All lexicons of a folder, compiled for fast matching. */
export class Lexicon {
  private readonly byFirst = new Map<string, Phrase[]>();
  private readonly byPrefix3 = new Map<string, Phrase[]>();
  private readonly loose: Phrase[] = [];
  private readonly regexes: { concept: string; lang: string; re: RegExp }[] = [];
  private readonly han: { concept: string; lang: string; text: string }[] = [];
  private readonly idioms: Token[][] = [];
  private readonly hanIdioms: string[] = [];
  readonly languages: string[] = [];

  constructor(dir: string) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const data = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { lang: string; concepts: Record<string, string[]>; idioms?: string[] };
      this.languages.push(data.lang);
      for (const [concept, entries] of Object.entries(data.concepts)) for (const e of entries) this.add(concept, e, data.lang);
      for (const idiom of data.idioms ?? []) {
        if (HAN.test(idiom)) this.hanIdioms.push(foldText(idiom).replace(/\s+/g, ''));
        else {
          const tokens = entryTokens(idiom);
          if (tokens.length) this.idioms.push(tokens);
        }
      }
    }
  }

  private add(concept: string, entry: string, lang: string): void {
    if (entry.startsWith('re:')) {
      this.regexes.push({ concept, lang, re: new RegExp(entry.slice(3), 'u') });
      return;
    }
    if (HAN.test(entry)) {
      this.han.push({ concept, lang, text: foldText(entry).replace(/\s+/g, '') });
      return;
    }
    const tokens = entryTokens(entry);
    if (tokens.length === 0) return;
    const phrase = { concept, lang, tokens };
    const first = tokens[0]!;
    if (first.kind === 'exact') this.push(this.byFirst, first.value, phrase);
    else if (first.kind === 'prefix' && first.value.length >= 3) this.push(this.byPrefix3, first.value.slice(0, 3), phrase);
    else this.loose.push(phrase);
  }

  private push(map: Map<string, Phrase[]>, key: string, phrase: Phrase): void {
    const list = map.get(key);
    if (list) list.push(phrase);
    else map.set(key, [phrase]);
  }

  private static matchAt(tokens: Token[], words: readonly string[], at: number, masked: Uint8Array): boolean {
    if (at + tokens.length > words.length) return false;
    for (let i = 0; i < tokens.length; i++) {
      if (masked[at + i] || !tokenMatches(tokens[i]!, words[at + i]!)) return false;
    }
    return true;
  }

  /** Concepts found in a message (already folded). */
  find(part: string): ConceptHit[] {
    const words = splitWords(part);
    const masked = new Uint8Array(words.length);
    for (const idiom of this.idioms) {
      for (let i = 0; i < words.length; i++) if (Lexicon.matchAt(idiom, words, i, masked)) masked.fill(1, i, i + idiom.length);
    }
    const hits: ConceptHit[] = [];
    for (let i = 0; i < words.length; i++) {
      if (masked[i]) continue;
      const w = words[i]!;
      const candidates = [...(this.byFirst.get(w) ?? []), ...(w.length >= 3 ? this.byPrefix3.get(w.slice(0, 3)) ?? [] : []), ...this.loose];
      for (const p of candidates) if (Lexicon.matchAt(p.tokens, words, i, masked)) hits.push({ concept: p.concept, lang: p.lang, at: i, length: p.tokens.length });
    }
    const visible = words.filter((_, i) => !masked[i]).join(' ');
    for (const { concept, lang, re } of this.regexes) {
      const m = re.exec(visible);
      if (m) hits.push({ concept, lang, at: Math.max(0, visible.slice(0, m.index).split(' ').length - 1), length: 1 });
    }
    if (HAN.test(part)) {
      let compact = part.replace(/\s+/g, '');
      for (const idiom of this.hanIdioms) compact = compact.split(idiom).join('　');
      for (const { concept, lang, text } of this.han) {
        const index = compact.indexOf(text);
        // Chinese has no spaces: a position counts about two characters a word.
        if (index >= 0) hits.push({ concept, lang, at: Math.floor(index / 2), length: 1 });
      }
    }
    return hits;
  }
}

