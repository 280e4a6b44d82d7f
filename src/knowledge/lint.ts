/**
 * Checks the knowledge folder: front matter against the contract, every migrant card in all 12
 * languages, numbers that differ between translations, duplicated ids, at least one institutional
 * source per card, truthful dates (no future `verified`, `review_by` not passed), directory entries
 * that exist, and no evaluation question copied into the knowledge.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES, type Language } from '../core/languages.ts';
import type { KnowledgeItem } from '../rag/knowledge-item.ts';
import { listKnowledgeFiles } from '../rag/ingest.ts';
import { loadDirectory } from '../rag/loaders/directory.ts';
import { loadMarkdown } from '../rag/loaders/markdown.ts';
import { findLeaks } from './eval-leaks.ts';
import { isGenericPage, isInstitutional, isRejectedSource } from './sources.ts';
import { staleItems, type StaleItem } from './stale.ts';

/** Every migrant card must exist in all twelve languages. */
export const REQUIRED_LANGUAGES: readonly Language[] = LANGUAGES;
const OLD_DAYS = 365;
/** The gist (first paragraph) is what a phone shows first. */
const GIST_CHARS = 400;

export interface LintReport {
  errors: string[];
  warnings: string[];
  items: number;
  files: number;
  stale: StaleItem[];
}

export interface LintOptions {
  today?: Date;
  /** Evaluation questions that must not appear in the knowledge. */
  evaluationQuestions?: readonly string[];
}

/** Digit runs of a text, sorted: the fingerprint two translations must share. */
export function numberFingerprint(text: string): string[] {
  // Western digits only; list markers ("1.") at the start of a line are structure, not facts.
  const withoutMarkers = text.replace(/^\s*\d+[.)]\s/gm, '');
  return (withoutMarkers.match(/\d+/g) ?? []).sort();
}

function diff(a: string[], b: string[]): { missing: string[]; extra: string[] } {
  const count = new Map<string, number>();
  for (const x of a) count.set(x, (count.get(x) ?? 0) + 1);
  const extra: string[] = [];
  for (const x of b) {
    const n = count.get(x) ?? 0;
    if (n > 0) count.set(x, n - 1);
    else extra.push(x);
  }
  const missing = [...count.entries()].flatMap(([x, n]) => Array<string>(n).fill(x));
  return { missing, extra };
}

function checkSources(item: KnowledgeItem, errors: string[], warnings: string[]): void {
  if (item.audience !== 'migrant' || item.id.startsWith('directory/')) return;
  if (!item.sources.some(isInstitutional)) errors.push(`${item.file}: no institutional source (a page of a public body, ASGI or UNHCR that states the facts)`);
  for (const s of item.sources) {
    if (isRejectedSource(s)) errors.push(`${item.file}: source ${s} cannot support a fact (Wikipedia, social media, blog)`);
    else if (isGenericPage(s)) warnings.push(`${item.file}: source ${s} looks like a home page: cite the page that states the fact`);
  }
}

function checkItem(item: KnowledgeItem, today: Date, errors: string[], warnings: string[]): void {
  const age = (today.getTime() - Date.parse(item.verified)) / 86_400_000;
  if (age > OLD_DAYS) warnings.push(`${item.file}: verified ${item.verified}, more than a year ago: check its sources again`);
  if (age < -1) errors.push(`${item.file}: verified ${item.verified} is in the future`);
  if (item.asOf && Date.parse(item.asOf) > today.getTime() + 86_400_000) errors.push(`${item.file}: as_of ${item.asOf} is in the future`);
  if (item.audience !== 'migrant' || item.id.startsWith('directory/')) return;
  if (item.questions.length < 4) errors.push(`${item.file}: questions needs at least 4 ways of asking (has ${item.questions.length})`);
  const gist = item.body.split(/\n\s*\n/)[0] ?? '';
  if (gist.length > GIST_CHARS) warnings.push(`${item.file}: first paragraph has ${gist.length} characters: keep the gist under ${GIST_CHARS}`);
  checkSources(item, errors, warnings);
}

function checkTranslations(id: string, byLang: Map<Language, KnowledgeItem>, errors: string[], warnings: string[]): void {
  const missing = REQUIRED_LANGUAGES.filter((l) => !byLang.has(l));
  if (missing.length) errors.push(`${id}: missing translation${missing.length > 1 ? 's' : ''}: ${missing.join(' ')}`);
  const reference = byLang.get('it') ?? byLang.get('en');
  if (!reference) return;
  const refNumbers = numberFingerprint(`${reference.title}\n${reference.body}`);
  for (const version of byLang.values()) {
    if (version === reference) continue;
    const d = diff(refNumbers, numberFingerprint(`${version.title}\n${version.body}`));
    if (d.missing.length || d.extra.length) {
      errors.push(`${version.file}: numbers differ from ${reference.file}${d.missing.length ? `; missing ${d.missing.join(', ')}` : ''}${d.extra.length ? `; extra ${d.extra.join(', ')}` : ''}`);
    }
    if (version.verified !== reference.verified) warnings.push(`${version.file}: verified ${version.verified} differs from ${reference.file} (${reference.verified})`);
    if ((version.reviewBy ?? '') !== (reference.reviewBy ?? '')) errors.push(`${version.file}: review_by ${version.reviewBy ?? '(none)'} differs from ${reference.file} (${reference.reviewBy ?? 'none'})`);
    if (version.topic !== reference.topic) errors.push(`${version.file}: topic ${version.topic} differs from ${reference.file}`);
  }
}

/** Reads and checks every Markdown and YAML file of the knowledge folder. */
export function lintKnowledge(dir: string, options: LintOptions = {}): LintReport {
  const today = options.today ?? new Date();
  const errors: string[] = [];
  const warnings: string[] = [];
  const files = listKnowledgeFiles(dir);
  const versions = new Map<string, Map<Language, KnowledgeItem>>();
  const texts = new Map<string, string>();
  const asked = new Map<string, readonly string[]>();
  for (const file of files) {
    const ext = path.extname(file).toLowerCase();
    if (!['.md', '.markdown', '.yaml', '.yml'].includes(ext)) continue;
    const content = fs.readFileSync(path.join(dir, file), 'utf8');
    texts.set(file, content);
    const result = ext === '.md' || ext === '.markdown' ? loadMarkdown(file, content) : loadDirectory(file, content);
    errors.push(...result.problems);
    if (result.plain !== undefined) warnings.push(`${file}: no front matter: it will be indexed as an operator document`);
    for (const item of result.items) {
      asked.set(file, item.questions);
      const byLang = versions.get(item.id) ?? new Map<Language, KnowledgeItem>();
      const other = byLang.get(item.lang);
      if (other) errors.push(`${file}: id ${item.id} (${item.lang}) is also in ${other.file}`);
      byLang.set(item.lang, item);
      versions.set(item.id, byLang);
      checkItem(item, today, errors, warnings);
    }
  }
  const all = [...versions.values()].flatMap((m) => [...m.values()]);
  for (const [id, byLang] of versions) {
    const any = [...byLang.values()][0]!;
    if (any.audience !== 'migrant' || id.startsWith('directory/')) continue;
    checkTranslations(id, byLang, errors, warnings);
    for (const service of new Set([...byLang.values()].flatMap((v) => v.services ?? []))) {
      if (!versions.has(`directory/${service}`)) errors.push(`${id}: services names "${service}", which no file of knowledge/directory defines`);
    }
  }
  for (const leak of findLeaks(options.evaluationQuestions ?? [], texts, asked)) {
    errors.push(`${leak.file}: contains an evaluation question ${leak.how === 'verbatim' ? 'word for word' : 'almost word for word'}: "${leak.question.slice(0, 80)}" — write ways of asking from the needs, never from an evaluation set`);
  }
  const stale = staleItems(all, today);
  for (const s of stale) warnings.push(`${s.file}: review_by ${s.reviewBy} has passed: re-read ${s.sources[0] ?? 'its sources'} and update the card`);
  return { errors, warnings, items: versions.size, files: files.length, stale };
}
