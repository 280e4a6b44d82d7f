/**
 * Checks the knowledge folder: front matter against the contract, required translations
 * (it en fr es ar ro for every migrant card; also sq zh uk pt bn ur for core cards), numbers that
 * differ between translations, duplicated ids, and facts not re-verified for a year.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES, type Language } from '../core/languages.ts';
import type { KnowledgeItem } from '../rag/knowledge-item.ts';
import { listKnowledgeFiles } from '../rag/ingest.ts';
import { loadDirectory } from '../rag/loaders/directory.ts';
import { loadMarkdown } from '../rag/loaders/markdown.ts';

export const REQUIRED_LANGUAGES: readonly Language[] = ['it', 'en', 'fr', 'es', 'ar', 'ro'];
export const CORE_LANGUAGES: readonly Language[] = LANGUAGES;
const STALE_DAYS = 365;

export interface LintReport {
  errors: string[];
  warnings: string[];
  items: number;
  files: number;
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

export function lintKnowledge(dir: string, today = new Date()): LintReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const files = listKnowledgeFiles(dir);
  const versions = new Map<string, Map<Language, KnowledgeItem>>();
  for (const file of files) {
    const ext = path.extname(file).toLowerCase();
    if (!['.md', '.markdown', '.yaml', '.yml'].includes(ext)) continue;
    const content = fs.readFileSync(path.join(dir, file), 'utf8');
    const result = ext === '.md' || ext === '.markdown' ? loadMarkdown(file, content) : loadDirectory(file, content);
    errors.push(...result.problems);
    if (result.plain !== undefined) warnings.push(`${file}: no front matter: it will be indexed as an operator document`);
    for (const item of result.items) {
      const byLang = versions.get(item.id) ?? new Map<Language, KnowledgeItem>();
      const other = byLang.get(item.lang);
      if (other) errors.push(`${file}: id ${item.id} (${item.lang}) is also in ${other.file}`);
      byLang.set(item.lang, item);
      versions.set(item.id, byLang);
      const age = (today.getTime() - Date.parse(item.verified)) / 86_400_000;
      if (age > STALE_DAYS) warnings.push(`${file}: verified ${item.verified}, more than a year ago: check its sources again`);
      if (age < -1) errors.push(`${file}: verified ${item.verified} is in the future`);
      if (item.audience === 'migrant' && item.questions.length < 4 && !item.id.startsWith('directory/')) {
        errors.push(`${file}: questions needs at least 4 ways of asking (has ${item.questions.length})`);
      }
    }
  }
  for (const [id, byLang] of versions) {
    const any = [...byLang.values()][0]!;
    if (any.audience !== 'migrant' || id.startsWith('directory/')) continue;
    const core = [...byLang.values()].some((v) => v.core);
    if ([...byLang.values()].some((v) => v.core !== core)) errors.push(`${id}: "core" differs between translations`);
    const required = core ? CORE_LANGUAGES : REQUIRED_LANGUAGES;
    const missing = required.filter((l) => !byLang.has(l));
    if (missing.length) errors.push(`${id}: missing translation${missing.length > 1 ? 's' : ''}: ${missing.join(' ')}`);
    const reference = byLang.get('it') ?? byLang.get('en');
    if (!reference) continue;
    const refNumbers = numberFingerprint(`${reference.title}\n${reference.body}`);
    for (const [lang, version] of byLang) {
      if (version === reference) continue;
      const d = diff(refNumbers, numberFingerprint(`${version.title}\n${version.body}`));
      if (d.missing.length || d.extra.length) {
        errors.push(`${version.file}: numbers differ from ${reference.file}${d.missing.length ? `; missing ${d.missing.join(', ')}` : ''}${d.extra.length ? `; extra ${d.extra.join(', ')}` : ''}`);
      }
      if (version.verified !== reference.verified) warnings.push(`${version.file}: verified ${version.verified} differs from ${reference.file} (${reference.verified})`);
      if (lang && version.topic !== reference.topic) errors.push(`${version.file}: topic ${version.topic} differs from ${reference.file}`);
    }
  }
  return { errors, warnings, items: versions.size, files: files.length };
}
