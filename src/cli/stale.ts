/** `discorsi stale [--json] [--knowledge DIR]`: items past their review date, with the source to re-read. */
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { lintKnowledge } from '../knowledge/lint.ts';
import { parse } from './args.ts';

export async function runStale(args: string[]): Promise<number> {
  const { values } = parse(args, { knowledge: { type: 'string' }, json: { type: 'boolean', default: false } }, 'usage: discorsi stale [--json] [--knowledge DIR]');
  const dir = values.knowledge ? path.resolve(values.knowledge) : loadConfig().knowledgeDir;
  const { stale } = lintKnowledge(dir);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ date: new Date().toISOString().slice(0, 10), stale })}\n`);
    return 0;
  }
  if (stale.length === 0) {
    process.stdout.write('Nothing is past its review date.\n');
    return 0;
  }
  const lines = stale.map((s) => `- ${s.id} — review by ${s.reviewBy} (${s.overdueDays} days ago), last checked ${s.verified}\n    re-read: ${s.sources.join(' ')}\n    file: ${s.file}`);
  process.stdout.write(`${stale.length} item(s) to re-check:\n${lines.join('\n')}\n`);
  return 0;
}
