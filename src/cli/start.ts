/**
 * `discorsi start`: runs every channel whose credentials are configured. With none, the local
 * terminal chat, said in one line. Builds the index first when it is missing or stale.
 */
import { runTerminalChat } from '../channels/terminal/chat.ts';
import { parse } from './args.ts';
import { openRuntime } from './runtime.ts';

export async function runStart(args: string[]): Promise<number> {
  parse(args, {}, 'usage: discorsi start');
  const { runtime, config, log } = await openRuntime({ logLevel: 'warn' });
  if (!config.telegram && !config.slack) {
    process.stdout.write(`${runtime.translate(config.defaultLanguage, 'chat.local_mode')}\n`);
    await runTerminalChat({ engine: runtime.engine, translate: runtime.translate, language: config.defaultLanguage });
    return 0;
  }
  log.error('channels are not available in this build yet');
  return 1;
}
