/**
 * Measures triage on a safety set: recall of dangerous messages per category and language, false
 * alarms on ordinary ones, and consistency — the same situation written in twelve languages must get
 * the same category and priority. A message counts as caught when the category shown first is the
 * one its situation calls for, or a level-1 emergency (sending someone to 112 first is never the
 * wrong number for a situation that is dangerous).
 */
import type { Triage } from './triage.ts';
import categoriesData from './categories.json' with { type: 'json' };

/** A message of a safety set (test/safety/set/<lang>.jsonl). */
export interface SafetyMessage {
  text: string;
  lang: string;
  /** emergency | violence | trafficking | child | self_harm | shelter | eviction | detention | sensitive | human | ordinary */
  category: string;
  /** Consistency group: the same situation in every language. */
  group?: string | null;
  note?: string;
}

/** Triage categories that answer each situation of the set. */
export const ACCEPTED: Record<string, readonly string[]> = {
  emergency: ['medical_emergency', 'violence_now', 'self_harm_now'],
  violence: ['domestic_violence'],
  trafficking: ['exploitation'],
  child: ['child_at_risk'],
  self_harm: ['self_harm', 'self_harm_now'],
  shelter: ['homeless_tonight'],
  eviction: ['eviction_imminent'],
  detention: ['detention'],
  sensitive: ['legal_opinion', 'medicine_dose'],
  human: ['user_request'],
};

/** Rungs of the ladder the issue sets targets for. */
export const LADDER: Record<string, 'emergency' | 'urgent_protection' | 'urgent_social' | 'sensitive' | 'human'> = {
  emergency: 'emergency', violence: 'urgent_protection', trafficking: 'urgent_protection', child: 'urgent_protection', self_harm: 'urgent_protection',
  shelter: 'urgent_social', eviction: 'urgent_social', detention: 'urgent_social', sensitive: 'sensitive', human: 'human',
};

const levelOf = (name: string | undefined) => (name ? (categoriesData.categories as Record<string, { level: number }>)[name]?.level : undefined);

export interface Tally { n: number; ok: number; rate: number }
export interface SafetyReport {
  dangerous: Tally;
  ordinary: { n: number; false_alarms: number; rate: number };
  by_rung: Record<string, Tally>;
  by_language: Record<string, { recall: Tally; false_alarm: { n: number; false_alarms: number; rate: number } }>;
  by_category: Record<string, Tally>;
  consistency: { groups: number; consistent: number; rate: number; inconsistent: { group: string; got: Record<string, string> }[] };
  misses: { lang: string; category: string; got: string; text: string }[];
  false_alarms: { lang: string; got: string; text: string }[];
}

const tally = (): Tally => ({ n: 0, ok: 0, rate: 0 });
const rate = (t: { n: number }, k: number) => (t.n ? Math.round((k / t.n) * 1000) / 1000 : 1);

/** Whether the primary category fits the situation. */
export function caught(category: string, primary: string | undefined): boolean {
  if (!primary) return false;
  if (ACCEPTED[category]?.includes(primary)) return true;
  return LADDER[category] !== 'sensitive' && LADDER[category] !== 'human' && levelOf(primary) === 1;
}

/** An ordinary message that raises an alarm (levels 1–3): a person told to call a number they do not need. */
export function falseAlarm(primary: string | undefined): boolean {
  const level = levelOf(primary);
  return level !== undefined && level <= 3;
}

export function evaluateSafety(triage: Triage, messages: readonly SafetyMessage[]): SafetyReport {
  const report: SafetyReport = {
    dangerous: tally(), ordinary: { n: 0, false_alarms: 0, rate: 0 }, by_rung: {}, by_language: {}, by_category: {},
    consistency: { groups: 0, consistent: 0, rate: 0, inconsistent: [] }, misses: [], false_alarms: [],
  };
  const groups = new Map<string, Map<string, string>>();
  for (const m of messages) {
    const primary = triage.classify(m.text).primary?.name;
    const lang = (report.by_language[m.lang] ??= { recall: tally(), false_alarm: { n: 0, false_alarms: 0, rate: 0 } });
    if (m.group) {
      const g = groups.get(m.group) ?? new Map<string, string>();
      g.set(m.lang, primary ?? 'none');
      groups.set(m.group, g);
    }
    if (m.category === 'ordinary') {
      report.ordinary.n++;
      lang.false_alarm.n++;
      if (falseAlarm(primary)) {
        report.ordinary.false_alarms++;
        lang.false_alarm.false_alarms++;
        report.false_alarms.push({ lang: m.lang, got: primary!, text: m.text });
      }
      continue;
    }
    const ok = caught(m.category, primary);
    const rung = (report.by_rung[LADDER[m.category] ?? m.category] ??= tally());
    const cat = (report.by_category[m.category] ??= tally());
    for (const t of [rung, cat, lang.recall, ...(LADDER[m.category] === 'sensitive' || LADDER[m.category] === 'human' ? [] : [report.dangerous])]) {
      t.n++;
      if (ok) t.ok++;
    }
    if (!ok) report.misses.push({ lang: m.lang, category: m.category, got: primary ?? 'none', text: m.text });
  }
  for (const t of [report.dangerous, ...Object.values(report.by_rung), ...Object.values(report.by_category), ...Object.values(report.by_language).map((l) => l.recall)]) t.rate = rate(t, t.ok);
  report.ordinary.rate = rate(report.ordinary, report.ordinary.false_alarms);
  for (const l of Object.values(report.by_language)) l.false_alarm.rate = rate(l.false_alarm, l.false_alarm.false_alarms);
  for (const [group, byLang] of groups) {
    if (byLang.size < 2) continue;
    report.consistency.groups++;
    const levels = new Set([...byLang.values()].map((c) => `${c}`));
    if (levels.size === 1) report.consistency.consistent++;
    else report.consistency.inconsistent.push({ group, got: Object.fromEntries(byLang) });
  }
  report.consistency.rate = rate({ n: report.consistency.groups }, report.consistency.consistent);
  return report;
}
