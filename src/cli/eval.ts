/** `discorsi eval [--set FILE] [--json]`: pass rate per language and per topic. */
import path from 'node:path';
import { UsageError } from '../core/errors.ts';
import { defaultQuestionSet, evaluate, readQuestionSet, type Tally } from '../engine/evaluate.ts';
import { createTriage } from '../triage/triage.ts';
import { parse } from './args.ts';
import { openRuntime } from './runtime.ts';


function table(title: string, rows: Record<string, Tally>): string {
  const lines = Object.entries(rows)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([k, t]) => `  ${k.padEnd(14)} ${String(t.passed).padStart(4)} / ${String(t.n).padEnd(4)} ${(t.rate * 100).toFixed(1).padStart(6)}%`);
  return `${title}\n${lines.join('\n')}`;
}

export async function runEval(args: string[]): Promise<number> {
  const { values } = parse(args, { set: { type: 'string' }, json: { type: 'boolean', default: false } }, 'usage: discorsi eval [--set FILE] [--json]');
  const file = values.set ? path.resolve(values.set) : defaultQuestionSet();
  if (!file) throw new UsageError(['no question set: pass --set FILE (JSON Lines, see CONTRACT §5)']);
  const questions = readQuestionSet(file);
  const { runtime, config } = await openRuntime({ logLevel: 'warn', quiet: values.json });
  const mode = config.openai ? 'generated' : 'extractive';
  const { report } = await evaluate({ engine: runtime.engine, retriever: runtime.retriever, triage: createTriage() }, questions);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ set: path.basename(file), mode, ...report })}\n`);
    return 0;
  }
  const out = [
    `Question set: ${file} (${mode} answers)`,
    table('By language:', report.by_language),
    table('By topic:', report.by_topic),
  ];
  if (report.retrieval) out.push(`Retrieval (${report.retrieval.n} questions with expected items): recall@1 ${report.retrieval.recall_at_1.toFixed(3)}, recall@3 ${report.retrieval.recall_at_3.toFixed(3)}`);
  if (report.safety) out.push(`Safety: ${report.safety.dangerous} dangerous messages, recall ${(report.safety.recall * 100).toFixed(1)}%; ${report.safety.ordinary} ordinary messages, false alarms ${(report.safety.false_alarm_rate * 100).toFixed(1)}%`);
  if (report.failures.length) out.push(`Failures:\n${report.failures.map((f) => `  [${f.lang}] ${f.q.slice(0, 70)}\n      ${f.reasons.join('; ')}`).join('\n')}`);
  out.push(`Passed ${report.passed} of ${report.total} (${(report.pass_rate * 100).toFixed(1)}%)`);
  process.stdout.write(`${out.join('\n\n')}\n`);
  return 0;
}
