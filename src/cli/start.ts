/**
 * `discorsi start`: runs every channel whose credentials are configured. With none, the local
 * terminal chat, said in one line. Builds the index first when it is missing or stale.
 */
import { runTerminalChat } from '../channels/terminal/chat.ts';
import { startChannels } from '../channels/start-channels.ts';
import { parse } from './args.ts';
import { openRuntime } from './runtime.ts';

export async function runStart(args: string[]): Promise<number> {
  parse(args, {}, 'usage: discorsi start');
  const { runtime, config, log } = await openRuntime();
  if (!config.telegram && !config.slack) {
    process.stdout.write(`${runtime.translate(config.defaultLanguage, 'chat.local_mode')}\n`);
    await runTerminalChat({ engine: runtime.engine, translate: runtime.translate, language: config.defaultLanguage });
    return 0;
  }
  const channels = await startChannels(runtime, log);
  process.stdout.write(`Discorsi is running (${[config.telegram && 'Telegram', config.slack && 'Slack'].filter(Boolean).join(', ')}; HTTP on port ${channels.port}). Press Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      log.info({ signal }, 'shutting down: finishing in-flight updates');
      channels.stop().then(resolve, resolve);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  return 0;
}
