/**
 * The `discorsi` binary. Each command is a small module; this file only dispatches and turns
 * errors into exit codes: 2 with one line per problem for bad usage or configuration, 1 for a
 * runtime failure, never a stack trace for a user error.
 */
import { UsageError } from '../core/errors.ts';

export const USAGE = `Usage: discorsi <command> [options]

Commands:
  start                      run every configured channel (Telegram, Slack); without any, the local chat
  chat                       chat in the terminal (offline, no token)
  ask [--lang CODE] [--json] [--audience migrant|operator] QUESTION...
                             one question, one reply
  ingest [--knowledge DIR] [--index DIR] [--force]
                             (re)build the index from the knowledge folder
  eval [--set FILE] [--json] score the engine on a question set
  lint [--knowledge DIR]     check the knowledge folder (front matter, translations, numbers, sources, dates)
  stale [--json]             knowledge items past their review date, with the source to re-read
  backup [--out FILE]        consistent copy of the database, also while the bot runs
  bench [--json] [--quick]   performance suite
`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./start.ts')).runStart,
  chat: async () => (await import('./chat.ts')).runChat,
  ask: async () => (await import('./ask.ts')).runAsk,
  ingest: async () => (await import('./ingest.ts')).runIngest,
  eval: async () => (await import('./eval.ts')).runEval,
  lint: async () => (await import('./lint.ts')).runLint,
  stale: async () => (await import('./stale.ts')).runStale,
  backup: async () => (await import('./backup.ts')).runBackup,
  bench: async () => (await import('./bench.ts')).runBench,
};

/** Runs a command and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  // Messages reveal health, legal status and location: files this process creates are for its user only.
  process.umask(0o077);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`discorsi: unknown command "${name}". Run "discorsi --help" to see the commands.\n`);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      for (const line of err.problems) process.stderr.write(`discorsi ${name}: ${line}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`discorsi ${name}: ${message}\n`);
    if (process.env.DISCORSI_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
}
