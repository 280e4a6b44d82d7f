/**
 * `discorsi eval [--set FILE] [--split test|tune|all] [--json]`: pass rate, wrong-answer rate,
 * answer / clarify / no-answer rates, per language and per topic. By default it runs the *test*
 * part of every project set (eval/*.jsonl and the shared dev set): the part nothing was tuned on.
 */
import path from 'node:path';
import { UsageError } from '../core/errors.ts';
import { evaluate, readQuestionSet, type EvalReport, type Tally } from '../engine/evaluate.ts';
import { defaultQuestionSets, splitOf, type Split } from '../engine/question-sets.ts';
import { createTriage } from '../triage/triage.ts';
import { parse } from './args.ts';
import { openRuntime } from './runtime.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function table(title: string, rows: Record<string, Tally>): string {
  const head = `  ${''.padEnd(14)} ${'pass'.padStart(11)} ${'wrong'.padStart(7)} ${'answer'.padStart(7)} ${'clarify'.padStart(8)} ${'no ans'.padStart(7)}`;
  const lines = Object.entries(rows)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([k, t]) => `  ${k.padEnd(14)} ${`${t.passed}/${t.n}`.padStart(11)} ${pct(t.wrong_answer_rate).padStart(7)} ${pct(t.answer_rate).padStart(7)} ${pct(t.clarify_rate).padStart(8)} ${pct(t.no_answer_rate).padStart(7)}`);
  return `${title}\n${head}\n${lines.join('\n')}`;
}

function summary(report: EvalReport): string {
  return [
    `Passed ${report.passed} of ${report.total} (${pct(report.pass_rate)})`,
    `Wrong answers ${report.wrong_answers} (${pct(report.wrong_answer_rate)}) · answered ${pct(report.answer_rate)} (correct item ${pct(report.correct_answer_rate)}) · "did you mean…?" ${pct(report.clarify_rate)} (with the right option ${pct(report.clarify_useful_rate)}) · no answer ${pct(report.no_answer_rate)}`,
    report.uncovered ? `${report.uncovered} question(s) ask about items the knowledge base does not have: the right outcome is not to answer` : '',
  ].filter(Boolean).join('\n');
}

export async function runEval(args: string[]): Promise<number> {
  const { values } = parse(args, { set: { type: 'string' }, split: { type: 'string', default: 'test' }, json: { type: 'boolean', default: false } }, 'usage: discorsi eval [--set FILE] [--split test|tune|all] [--json]');
  if (!['test', 'tune', 'all'].includes(values.split!)) throw new UsageError([`--split must be test, tune or all (got "${values.split}")`]);
  const files = values.set ? [path.resolve(values.set)] : defaultQuestionSets();
  if (files.length === 0) throw new UsageError(['no question set: pass --set FILE (JSON Lines, see CONTRACT §5)']);
  const split = values.split as Split | 'all';
  const questions = files.flatMap(readQuestionSet).filter((q) => split === 'all' || splitOf(q.q) === split);
  const { runtime, config } = await openRuntime({ logLevel: 'warn', quiet: values.json });
  const mode = config.openai ? 'generated' : 'extractive';
  const known = new Set(runtime.index.itemIds());
  const { report } = await evaluate({ engine: runtime.engine, retriever: runtime.retriever, triage: createTriage(), known: (id) => known.has(id) }, questions);
  const sets = files.map((f) => path.basename(f));
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ sets, split, mode, ...report })}\n`);
    return 0;
  }
  const out = [
    `Question sets: ${sets.join(', ')} — ${split} part, ${questions.length} questions (${mode} answers)`,
    table('By language:', report.by_language),
    table('By topic:', report.by_topic),
  ];
  if (report.retrieval) out.push(`Retrieval (${report.retrieval.n} questions with expected items): recall@1 ${report.retrieval.recall_at_1.toFixed(3)}, recall@3 ${report.retrieval.recall_at_3.toFixed(3)}`);
  if (report.safety) out.push(`Safety: ${report.safety.dangerous} dangerous messages, recall ${pct(report.safety.recall)}; ${report.safety.ordinary} ordinary messages, false alarms ${pct(report.safety.false_alarm_rate)}`);
  if (report.failures.length) out.push(`Failures:\n${report.failures.map((f) => `  [${f.lang}] ${f.q.slice(0, 70)}\n      ${f.reasons.join('; ')}`).join('\n')}`);
  out.push(summary(report));
  process.stdout.write(`${out.join('\n\n')}\n`);
  return 0;
}
