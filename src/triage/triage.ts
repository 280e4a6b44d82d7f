/**
 * Triage before answering: recognises situations from their parts, in every language at once
 * (people mix languages, and short messages are easily misdetected). The concept lexicons
 * (./lexicon/<lang>.json) say how each language names the parts; the rules (./rules.json) say how
 * parts combine into a situation — the same rules for every language, so the same situation gets
 * the same category and priority whatever the language; the ladder (./categories.json) gives each
 * category its level, its first numbers and its wording. The whole message is read.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldText } from '../rag/text.ts';
import type { Audience } from '../core/types.ts';
import categoriesData from './categories.json' with { type: 'json' };
import helplinesData from './helplines.json' with { type: 'json' };
import rulesData from './rules.json' with { type: 'json' };
import scopeData from './scope.json' with { type: 'json' };
import { Lexicon, type ConceptHit } from './lexicon.ts';
import { classify as classifyNgrams, loadClassifier, type ClassifierModel } from './classifier.ts';

export type Severity = 'emergency' | 'sensitive' | 'opinion' | 'handoff';

export interface CategoryRule {
  /** Rung of the ladder: 1 emergency … 5 asks for a person. Also the case priority. */
  level: number;
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
  /** All categories found, most serious first. */
  categories: string[];
  /** The most serious one, if any. */
  primary?: { name: string; rule: CategoryRule };
  /** Case priority (the primary category's level), when there is a category. */
  priority?: number;
  /** Whether the message mentions anything the bot is about (health, housing, work, documents…). */
  inScope: boolean;
  /** The situation is reported about someone else ("my friend…", "a woman tells me…"). */
  reported: boolean;
}

/** Categories that are alarms (an emergency or a sensitive situation), as opposed to requests. */
export function isAlarm(category: string): boolean {
  const rule = (categoriesData.categories as Record<string, CategoryRule>)[category];
  return rule?.severity === 'emergency' || rule?.severity === 'sensitive';
}

/** Classifies a message before retrieval. */
export interface Triage {
  classify(text: string, options?: { audience?: Audience }): TriageResult;
}

/** Numbers available to the wording of every message, e.g. {{emergency}} → 112. */
export const HELPLINE_VALUES: Record<string, string> = Object.fromEntries(
  Object.entries(helplinesData.numbers).map(([k, v]) => [k, v.number]),
);

const LEXICON_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lexicon');
const DEFAULT_WINDOW = 16;
/** A negation this many words before an act cancels it ("he never hit me"). */
const NEGATION_REACH = 3;

interface Rule {
  category: string;
  all: string[][];
  window?: number;
  unless?: string[];
  /** Every later group follows the first one ("hits my little brother": the child is the one hit). */
  ordered?: boolean;
  /** At least one of these concepts must be among the hits used. */
  requires_any?: string[];
}

/** Drops acts preceded by a negation word of the same language ("he never hit me"; Urdu "ne" is no French negation). */
function withoutNegated(hits: ConceptHit[], negatable: ReadonlySet<string>): ConceptHit[] {
  const negations = hits.filter((h) => h.concept === 'negation');
  return hits.filter((h) => !negatable.has(h.concept) || !negations.some((n) => n.lang === h.lang && n.at < h.at && h.at - (n.at + n.length) < NEGATION_REACH && n.at + n.length <= h.at));
}

/** Whether every group of the rule has a hit, all within the window of one another. */
export function ruleMatches(rule: Rule, hits: readonly ConceptHit[]): boolean {
  const present = new Set(hits.map((h) => h.concept));
  if (rule.unless?.some((c) => present.has(c))) return false;
  const groups = rule.all.map((g) => hits.filter((h) => g.includes(h.concept)));
  if (groups.some((g) => g.length === 0)) return false;
  if (rule.requires_any && !rule.requires_any.some((c) => present.has(c))) return false;
  const window = rule.window ?? DEFAULT_WINDOW;
  const near = (anchor: ConceptHit, h: ConceptHit) => (rule.ordered ? h.at > anchor.at && h.at - anchor.at <= window : Math.abs(h.at - anchor.at) <= window);
  // Anchor on each hit of the first group: every other group needs a hit near it.
  return groups[0]!.some((anchor) => groups.slice(1).every((g) => g.some((h) => near(anchor, h))));
}

/** Loads the lexicons of every language (and the statistical layer, which may only add an alarm). */
export function createTriage(lexiconDir = LEXICON_DIR, classifier: ClassifierModel | undefined = loadClassifier()): Triage {
  const lexicon = new Lexicon(lexiconDir);
  const rules = rulesData.rules as Rule[];
  const negatable = new Set(rulesData.negatable);
  const ladder = categoriesData.categories as Record<string, CategoryRule>;
  const order = categoriesData.order;
  const scope = Object.values(scopeData.patterns as Record<string, string[]>).flat().map((p) => new RegExp(p, 'u'));
  return {
    classify(text) {
      const folded = foldText(text).replace(/\s+/g, ' ');
      const hits = withoutNegated(lexicon.find(folded), negatable);
      const found = new Set(rules.filter((r) => ruleMatches(r, hits)).map((r) => r.category));
      // The n-gram layer speaks only when no rule found a danger: it adds an alarm, never removes one.
      if (classifier && ![...found].some(isAlarm) && !hits.some((h) => h.concept === 'safe')) {
        const guess = classifyNgrams(classifier, text);
        if (guess) found.add(guess);
      }
      const categories = order.filter((name) => found.has(name));
      const name = categories[0];
      const rule = name ? ladder[name] : undefined;
      const inScope = categories.length > 0 || scope.some((re) => re.test(folded));
      return {
        categories,
        primary: name && rule ? { name, rule } : undefined,
        priority: rule?.level,
        inScope,
        reported: hits.some((h) => h.concept === 'reported'),
      };
    },
  };
}
