/** Shared set-up for commands: configuration, logger, index with a progress bar, engine. */
import cliProgress from 'cli-progress';
import { loadConfig, type Config } from '../config.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import type { IngestSummary } from '../rag/ingest.ts';
import { createRuntime, type Runtime } from '../main.ts';

/** A progress bar on a TTY (standard error), nothing otherwise. */
export function progressBar(label: string): { update: (done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} files`, stream: process.stderr, clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

/** One line: files, chunks, languages, seconds. */
export function summaryLine(s: IngestSummary): string {
  const langs = Object.entries(s.languages).sort((a, b) => b[1]! - a[1]!).map(([l, n]) => `${l} ${n}`).join(', ');
  const what = s.rebuilt ? `${s.embedded} embedded, ${s.reused} unchanged` : 'index already up to date';
  return `Indexed ${s.files} files (${what}, ${s.skipped} skipped): ${s.items} items, ${s.chunks} chunks; languages: ${langs || 'none'}; ${s.seconds.toFixed(2)} s`;
}

export function reportProblems(problems: readonly string[]): void {
  for (const p of problems) process.stderr.write(`warning: ${p}\n`);
}

/** Loads configuration and builds the engine, showing ingestion progress when it has to index. */
export async function openRuntime(options: { logLevel?: string; env?: NodeJS.ProcessEnv; quiet?: boolean } = {}): Promise<{ runtime: Runtime; log: Logger; config: Readonly<Config> }> {
  const config = loadConfig(options.env);
  const log = createLogger(options.logLevel ?? config.logLevel);
  const bar = progressBar('Indexing knowledge');
  const runtime = await createRuntime(config, {
    log,
    onProgress: bar.update,
    onIngest: (summary) => {
      bar.stop();
      if (!options.quiet) {
        reportProblems(summary.problems);
        process.stderr.write(`${summaryLine(summary)}\n`);
      }
    },
  });
  return { runtime, log, config };
}
