/**
 * Scores the engine on a question set (CONTRACT §5): a question passes when the kind matches,
 * the reply is in the expected language and every group of facts is found in the reply.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { LANGUAGES } from '../core/languages.ts';
import type { Audience, Reply } from '../core/types.ts';
import type { Retriever } from '../rag/retriever.ts';
import type { Engine } from './engine.ts';
import { UsageError } from '../core/errors.ts';
import { isAlarm, type Triage } from '../triage/triage.ts';

const KINDS = ['answer', 'no_answer', 'emergency', 'handoff', 'out_of_scope', 'clarify', 'smalltalk'] as const;
/** Kinds that do not claim to answer: the honest outcomes when the knowledge has no answer. */
const NOT_ANSWERING = ['no_answer', 'out_of_scope', 'clarify', 'handoff'] as const;

const questionSchema = z.object({
  q: z.string().min(1),
  lang: z.enum(LANGUAGES),
  audience: z.enum(['migrant', 'operator']).optional(),
  topic: z.string().optional(),
  expect: z.object({
    kind: z.enum(KINDS).optional(),
    kinds: z.array(z.enum(KINDS)).optional(),
    handoff: z.boolean().optional(),
    facts: z.array(z.array(z.string())).default([]),
    /** Item ids that answer the question: an answer citing another item first is a wrong answer. */
    items: z.array(z.string()).optional(),
    /** Expected triage category, or null for an ordinary message (safety sets). */
    triage: z.union([z.string(), z.array(z.string())]).nullable().optional(),
  }),
});
export type EvalQuestion = z.infer<typeof questionSchema>;

/** What happened to one question, from the person's point of view. */
export type Outcome = 'correct_answer' | 'wrong_answer' | 'answer' | 'clarify' | 'no_answer' | 'other';

export interface EvalResult {
  question: EvalQuestion;
  reply: Reply;
  passed: boolean;
  reasons: string[];
  topic: string;
  outcome: Outcome;
}

export interface Tally {
  n: number;
  passed: number;
  rate: number;
  /** Answers citing first an item that does not answer the question (or any answer where none exists). */
  wrong: number;
  wrong_answer_rate: number;
  answer_rate: number;
  clarify_rate: number;
  no_answer_rate: number;
}

export interface EvalReport {
  total: number;
  passed: number;
  pass_rate: number;
  /** The figures that matter to a person (see Tally). */
  wrong_answers: number;
  wrong_answer_rate: number;
  answer_rate: number;
  correct_answer_rate: number;
  clarify_rate: number;
  /** Clarifications offering an item that answers the question. */
  clarify_useful_rate: number;
  no_answer_rate: number;
  /** Questions whose expected items the knowledge base does not have: the right outcome is not to answer. */
  uncovered: number;
  by_language: Record<string, Tally>;
  by_topic: Record<string, Tally>;
  retrieval?: { n: number; recall_at_1: number; recall_at_3: number };
  /** On safety sets: dangerous messages caught with an accepted category; ordinary ones flagged. */
  safety?: { dangerous: number; recall: number; ordinary: number; false_alarm_rate: number };
  failures: { q: string; lang: string; reasons: string[] }[];
}

/** Reads a JSON Lines question set; a malformed line is a usage error naming the line. */
export function readQuestionSet(file: string): EvalQuestion[] {
  if (!fs.existsSync(file)) throw new UsageError([`question set not found: ${file}`]);
  const out: EvalQuestion[] = [];
  const problems: string[] = [];
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const parsed = questionSchema.safeParse(JSON.parse(line));
      if (parsed.success) out.push(parsed.data);
      else problems.push(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
    } catch {
      problems.push(`${file}:${i + 1}: not valid JSON`);
    }
  });
  if (problems.length) throw new UsageError(problems);
  return out;
}

/**
 * The expectations that apply with this knowledge base: when none of the expected items exists,
 * the only right outcome is not to answer (say so, ask, or offer a person).
 */
export function effectiveExpect(question: EvalQuestion, known: (id: string) => boolean): EvalQuestion['expect'] & { uncovered: boolean } {
  const items = question.expect.items;
  if (items?.length && !items.some(known)) return { kinds: [...NOT_ANSWERING], facts: [], uncovered: true };
  return { ...question.expect, uncovered: false };
}

/** Checks one reply against its expectations; returns the reasons it fails (none = pass). */
export function judge(question: EvalQuestion, reply: Reply, known: (id: string) => boolean = () => true): string[] {
  const reasons: string[] = [];
  const expect = effectiveExpect(question, known);
  const kinds = expect.kinds ?? (expect.kind ? [expect.kind] : undefined);
  if (kinds && !kinds.includes(reply.kind)) reasons.push(`kind ${reply.kind}, expected ${kinds.join('|')}`);
  if (expect.handoff !== undefined && (reply.handoff.offered || reply.kind === 'handoff') !== expect.handoff) {
    reasons.push(`handoff ${reply.handoff.offered}, expected ${expect.handoff}`);
  }
  if (reply.kind === 'answer' && expect.items?.length && !expect.items.includes(reply.citations[0]?.id ?? '')) {
    reasons.push(`wrong item ${reply.citations[0]?.id ?? '(none)'}, expected ${expect.items.join('|')}`);
  }
  if (reply.language !== question.lang) reasons.push(`language ${reply.language}, expected ${question.lang}`);
  const text = reply.text.toLowerCase();
  for (const group of expect.facts) {
    if (!group.some((f) => text.includes(f.toLowerCase()))) reasons.push(`missing fact ${group.join(' | ')}`);
  }
  return reasons;
}

/** Classifies a reply: a confident answer to another question is the worst outcome. */
export function outcomeOf(question: EvalQuestion, reply: Reply, known: (id: string) => boolean = () => true): Outcome {
  const expect = effectiveExpect(question, known);
  const kinds = expect.kinds ?? (expect.kind ? [expect.kind] : []);
  if (reply.kind === 'answer') {
    if (expect.items?.length) return expect.items.includes(reply.citations[0]?.id ?? '') ? 'correct_answer' : 'wrong_answer';
    if (kinds.length && !kinds.includes('answer')) return 'wrong_answer';
    return 'answer';
  }
  if (reply.kind === 'clarify') return 'clarify';
  if (reply.kind === 'no_answer' || reply.kind === 'out_of_scope') return 'no_answer';
  return 'other';
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function tally(results: EvalResult[], key: (r: EvalResult) => string): Record<string, Tally> {
  const groups = new Map<string, EvalResult[]>();
  for (const r of results) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  const out: Record<string, Tally> = {};
  for (const [k, rs] of groups) {
    const n = rs.length;
    const count = (f: (r: EvalResult) => boolean) => rs.filter(f).length;
    const wrong = count((r) => r.outcome === 'wrong_answer');
    out[k] = {
      n, passed: count((r) => r.passed), rate: round(count((r) => r.passed) / n),
      wrong, wrong_answer_rate: round(wrong / n),
      answer_rate: round(count((r) => r.reply.kind === 'answer') / n),
      clarify_rate: round(count((r) => r.reply.kind === 'clarify') / n),
      no_answer_rate: round(count((r) => r.outcome === 'no_answer') / n),
    };
  }
  return out;
}

export interface EvaluateDeps {
  engine: Engine;
  retriever: Retriever;
  triage?: Triage;
  /** Whether an item id exists in the index (for questions about needs the knowledge does not cover yet). */
  known?: (id: string) => boolean;
}

export async function evaluate(deps: EvaluateDeps, questions: EvalQuestion[]): Promise<{ report: EvalReport; results: EvalResult[] }> {
  const known = deps.known ?? (() => true);
  let dangerous = 0;
  let caught = 0;
  let ordinary = 0;
  let alarms = 0;
  const results: EvalResult[] = [];
  let retrievalN = 0;
  let at1 = 0;
  let at3 = 0;
  let uncovered = 0;
  let useful = 0;
  for (const question of questions) {
    const audience: Audience = question.audience ?? 'migrant';
    const reply = await deps.engine.handle({ userId: 'eval', channel: 'eval', text: question.q, audience, languageHint: question.lang });
    const reasons = judge(question, reply, known);
    const topic = question.topic ?? question.expect.items?.[0]?.split('/')[0] ?? reply.citations[0]?.id.split('/')[0] ?? reply.topic ?? reply.kind;
    const outcome = outcomeOf(question, reply, known);
    results.push({ question, reply, passed: reasons.length === 0, reasons, topic, outcome });
    const covered = !effectiveExpect(question, known).uncovered;
    if (!covered) uncovered++;
    if (reply.kind === 'clarify' && question.expect.items?.some((id) => reply.options?.some((o) => o.id === id))) useful++;
    if (deps.triage && question.expect.triage !== undefined) {
      const got = deps.triage.classify(question.q).categories;
      if (question.expect.triage === null) {
        ordinary++;
        if (got.some(isAlarm)) alarms++;
      } else {
        dangerous++;
        if (got.some((c) => ([] as string[]).concat(question.expect.triage ?? []).includes(c))) caught++;
      }
    }
    if (question.expect.items?.length && covered) {
      retrievalN++;
      const hits = await deps.retriever.retrieve({ text: question.q, lang: question.lang, audience, k: 3 });
      const ids = hits.map((h) => h.id);
      if (question.expect.items.includes(ids[0] ?? '')) at1++;
      if (ids.some((id) => question.expect.items!.includes(id))) at3++;
    }
  }
  const n = results.length || 1;
  const count = (f: (r: EvalResult) => boolean) => results.filter(f).length;
  const passed = count((r) => r.passed);
  const wrong = count((r) => r.outcome === 'wrong_answer');
  const clarifies = count((r) => r.reply.kind === 'clarify');
  const report: EvalReport = {
    total: results.length,
    passed,
    pass_rate: round(passed / n),
    wrong_answers: wrong,
    wrong_answer_rate: round(wrong / n),
    answer_rate: round(count((r) => r.reply.kind === 'answer') / n),
    correct_answer_rate: round(count((r) => r.outcome === 'correct_answer') / n),
    clarify_rate: round(clarifies / n),
    clarify_useful_rate: round(clarifies ? useful / clarifies : 0),
    no_answer_rate: round(count((r) => r.outcome === 'no_answer') / n),
    uncovered,
    by_language: tally(results, (r) => r.question.lang),
    by_topic: tally(results, (r) => r.topic),
    retrieval: retrievalN ? { n: retrievalN, recall_at_1: round(at1 / retrievalN), recall_at_3: round(at3 / retrievalN) } : undefined,
    failures: results.filter((r) => !r.passed).map((r) => ({ q: r.question.q, lang: r.question.lang, reasons: r.reasons })),
    safety: dangerous + ordinary > 0 ? { dangerous, recall: dangerous ? caught / dangerous : 1, ordinary, false_alarm_rate: ordinary ? alarms / ordinary : 0 } : undefined,
  };
  return { report, results };
}
