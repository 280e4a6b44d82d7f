/**
 * Triage before answering: finds emergencies, sensitive situations, requests for a person and
 * requests for an opinion on a case or a dose. The trigger patterns, the categories and the
 * numbers are data (./data/<lang>.json, ./categories.json, ./helplines.json), not code.
 * Every language's patterns run on every message: people mix languages and short messages
 * are easily misdetected, and a missed emergency costs more than a spurious offer of help.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldText } from '../rag/text.ts';
import categoriesData from './categories.json' with { type: 'json' };
import helplinesData from './helplines.json' with { type: 'json' };

export type Severity = 'emergency' | 'sensitive' | 'opinion' | 'handoff';

export interface CategoryRule {
  severity: Severity;
  /** i18n key of the first lines shown to the person. */
  message: string;
  topic?: string;
  /** Knowledge items that answer this situation. */
  items?: string[];
  /** Kind of reply when no knowledge item answers (default: no_answer). */
  urgentKind?: 'emergency';
}

export interface TriageResult {
  /** All categories that matched, most serious first. */
  categories: string[];
  /** The most serious one, if any. */
  primary?: { name: string; rule: CategoryRule };
  /** Whether the message mentions anything the bot is about (health, housing, work, documents…). */
  inScope: boolean;
}

/** Categories that are alarms (an emergency or a sensitive situation), as opposed to requests. */
export function isAlarm(category: string): boolean {
  const rule = (categoriesData.categories as Record<string, CategoryRule>)[category];
  return rule?.severity === 'emergency' || rule?.severity === 'sensitive';
}

/** Classifies a message before retrieval. */
export interface Triage {
  classify(text: string): TriageResult;
}

/** Numbers available to the wording of every message, e.g. {{emergency}} → 112. */
export const HELPLINE_VALUES: Record<string, string> = Object.fromEntries(
  Object.entries(helplinesData.numbers).map(([k, v]) => [k, v.number]),
);

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

/** Folds a pattern like the text it runs on, keeping every escape (\b, \s, \S, \p{L}…) exactly as written. */
export function foldPattern(pattern: string): string {
  const escapes: string[] = [];
  const masked = pattern.replace(/\\(p\{[^}]*\}|u\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (m) => String.fromCharCode(0xe000 + escapes.push(m) - 1));
  return foldText(masked).replace(/[\ue000-\uf8ff]/g, (c) => escapes[c.charCodeAt(0) - 0xe000] ?? c);
}

/** Loads the patterns of every language in ./data. */
export function createTriage(dataDir = DATA_DIR): Triage {
  const patterns = new Map<string, RegExp[]>();
  for (const file of fs.readdirSync(dataDir).filter((f) => f.endsWith('.json')).sort()) {
    const data = JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8')) as { patterns: Record<string, string[]> };
    for (const [category, list] of Object.entries(data.patterns)) {
      const compiled = patterns.get(category) ?? [];
      // Text and patterns are both folded to lower case, so no 'i' flag; 'u' only where a pattern
      // needs Unicode property classes. Both flags make V8 compile patterns much more slowly.
      for (const p of list) {
        const folded = foldPattern(p);
        compiled.push(new RegExp(folded, /\\p\{|[\u{10000}-\u{10ffff}]/u.test(folded) ? 'u' : ''));
      }
      patterns.set(category, compiled);
    }
  }
  const rules = categoriesData.categories as Record<string, CategoryRule>;
  const order = categoriesData.order;
  return {
    classify(text) {
      const folded = foldText(text).replace(/\s+/g, ' ');
      const categories = order.filter((name) => patterns.get(name)?.some((re) => re.test(folded)));
      const name = categories[0];
      const inScope = categories.length > 0 || (patterns.get('in_scope') ?? []).some((re) => re.test(folded));
      return { categories, primary: name ? { name, rule: rules[name]! } : undefined, inScope };
    },
  };
}
