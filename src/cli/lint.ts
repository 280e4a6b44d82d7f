/** `discorsi lint [--knowledge DIR]` (npm run lint:knowledge): exit 1 when the knowledge breaks a rule. */
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { evaluationQuestions } from '../knowledge/eval-leaks.ts';
import { lintKnowledge } from '../knowledge/lint.ts';
import { evaluationFolders } from '../engine/question-sets.ts';
import { parse } from './args.ts';

export async function runLint(args: string[]): Promise<number> {
  const { values } = parse(args, { knowledge: { type: 'string' } }, 'usage: discorsi lint [--knowledge DIR]');
  const dir = values.knowledge ? path.resolve(values.knowledge) : loadConfig().knowledgeDir;
  const report = lintKnowledge(dir, { evaluationQuestions: evaluationQuestions(evaluationFolders()) });
  for (const w of report.warnings) process.stderr.write(`warning: ${w}\n`);
  for (const e of report.errors) process.stderr.write(`error: ${e}\n`);
  process.stdout.write(`${report.files} files, ${report.items} items: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.stale.length} stale\n`);
  return report.errors.length > 0 ? 1 : 0;
}
