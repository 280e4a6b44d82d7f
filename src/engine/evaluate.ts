/**
 * Scores the engine on a question set (CONTRACT §5): a question passes when the kind matches,
 * the reply is in the expected language and every group of facts is found in the reply.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LANGUAGES } from '../core/languages.ts';
import type { Audience, Reply } from '../core/types.ts';
import type { Retriever } from '../rag/retriever.ts';
import type { Engine } from './engine.ts';
import { UsageError } from '../core/errors.ts';
import { isAlarm, type Triage } from '../triage/triage.ts';

const KINDS = ['answer', 'no_answer', 'emergency', 'handoff', 'out_of_scope'] as const;

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
    /** Item ids that answer the question, for retrieval recall. */
    items: z.array(z.string()).optional(),
    /** Expected triage category, or null for an ordinary message (safety sets). */
    triage: z.union([z.string(), z.array(z.string())]).nullable().optional(),
  }),
});
export type EvalQuestion = z.infer<typeof questionSchema>;

export interface EvalResult {
  question: EvalQuestion;
  reply: Reply;
  passed: boolean;
  reasons: string[];
  topic: string;
}

export interface Tally {
  n: number;
  passed: number;
  rate: number;
}

export interface EvalReport {
  total: number;
  passed: number;
  pass_rate: number;
  by_language: Record<string, Tally>;
  by_topic: Record<string, Tally>;
  retrieval?: { n: number; recall_at_1: number; recall_at_3: number };
  /** On safety sets: dangerous messages caught with an accepted category; ordinary ones flagged. */
  safety?: { dangerous: number; recall: number; ordinary: number; false_alarm_rate: number };
  failures: { q: string; lang: string; reasons: string[] }[];
}

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The dev set: beside the project (../shared/eval) when present, else the copy in eval/. */
export function defaultQuestionSet(cwd = process.cwd()): string | undefined {
  return [path.resolve(cwd, '../shared/eval/dev-questions.jsonl'), path.join(PROJECT_ROOT, 'eval/dev-questions.jsonl')].find((f) => fs.existsSync(f));
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

/** Checks one reply against its expectations; returns the reasons it fails (none = pass). */
export function judge(question: EvalQuestion, reply: Reply): string[] {
  const reasons: string[] = [];
  const { expect } = question;
  const kinds = expect.kinds ?? (expect.kind ? [expect.kind] : undefined);
  if (kinds && !kinds.includes(reply.kind)) reasons.push(`kind ${reply.kind}, expected ${kinds.join('|')}`);
  if (expect.handoff !== undefined && (reply.handoff.offered || reply.kind === 'handoff') !== expect.handoff) {
    reasons.push(`handoff ${reply.handoff.offered}, expected ${expect.handoff}`);
  }
  if (reply.language !== question.lang) reasons.push(`language ${reply.language}, expected ${question.lang}`);
  const text = reply.text.toLowerCase();
  for (const group of expect.facts) {
    if (!group.some((f) => text.includes(f.toLowerCase()))) reasons.push(`missing fact ${group.join(' | ')}`);
  }
  return reasons;
}

function tally(results: EvalResult[], key: (r: EvalResult) => string): Record<string, Tally> {
  const out: Record<string, Tally> = {};
  for (const r of results) {
    const t = (out[key(r)] ??= { n: 0, passed: 0, rate: 0 });
    t.n++;
    if (r.passed) t.passed++;
  }
  for (const t of Object.values(out)) t.rate = Math.round((t.passed / t.n) * 1000) / 1000;
  return out;
}

export async function evaluate(deps: { engine: Engine; retriever: Retriever; triage?: Triage }, questions: EvalQuestion[]): Promise<{ report: EvalReport; results: EvalResult[] }> {
  let dangerous = 0;
  let caught = 0;
  let ordinary = 0;
  let alarms = 0;
  const results: EvalResult[] = [];
  let retrievalN = 0;
  let at1 = 0;
  let at3 = 0;
  for (const question of questions) {
    const audience: Audience = question.audience ?? 'migrant';
    const reply = await deps.engine.handle({ userId: 'eval', channel: 'eval', text: question.q, audience, languageHint: question.lang });
    const reasons = judge(question, reply);
    const topic = question.topic ?? reply.citations[0]?.id.split('/')[0] ?? reply.topic ?? reply.kind;
    results.push({ question, reply, passed: reasons.length === 0, reasons, topic });
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
    if (question.expect.items?.length) {
      retrievalN++;
      const hits = await deps.retriever.retrieve({ text: question.q, lang: question.lang, audience, k: 3 });
      const ids = hits.map((h) => h.id);
      if (question.expect.items.includes(ids[0] ?? '')) at1++;
      if (ids.some((id) => question.expect.items!.includes(id))) at3++;
    }
  }
  const passed = results.filter((r) => r.passed).length;
  const report: EvalReport = {
    total: results.length,
    passed,
    pass_rate: results.length ? Math.round((passed / results.length) * 1000) / 1000 : 0,
    by_language: tally(results, (r) => r.question.lang),
    by_topic: tally(results, (r) => r.topic),
    retrieval: retrievalN ? { n: retrievalN, recall_at_1: at1 / retrievalN, recall_at_3: at3 / retrievalN } : undefined,
    failures: results.filter((r) => !r.passed).map((r) => ({ q: r.question.q, lang: r.question.lang, reasons: r.reasons })),
    safety: dangerous + ordinary > 0 ? { dangerous, recall: dangerous ? caught / dangerous : 1, ordinary, false_alarm_rate: ordinary ? alarms / ordinary : 0 } : undefined,
  };
  return { report, results };
}
