/** `discorsi ingest [--knowledge DIR] [--index DIR] [--force]` */
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { createLanguageDetector } from '../i18n/detect-language.ts';
import { createEmbedder } from '../main.ts';
import { ingest } from '../rag/ingest.ts';
import { parse } from './args.ts';
import { progressBar, reportProblems, summaryLine } from './runtime.ts';

export async function runIngest(args: string[]): Promise<number> {
  const { values } = parse(args, {
    knowledge: { type: 'string' },
    index: { type: 'string' },
    force: { type: 'boolean', default: false },
  }, 'usage: discorsi ingest [--knowledge DIR] [--index DIR] [--force]');
  const config = loadConfig();
  const bar = progressBar('Indexing knowledge');
  const summary = await ingest({
    knowledgeDir: values.knowledge ? path.resolve(values.knowledge) : config.knowledgeDir,
    indexDir: values.index ? path.resolve(values.index) : config.indexDir,
    embedder: await createEmbedder(config),
    detector: await createLanguageDetector(),
    force: values.force,
    onProgress: bar.update,
  });
  bar.stop();
  reportProblems(summary.problems);
  process.stdout.write(`${summaryLine(summary)}\n`);
  return 0;
}
