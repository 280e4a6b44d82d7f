/** `discorsi chat`: the terminal chat on the embedded default (no token, no network). */
import { runTerminalChat } from '../channels/terminal/chat.ts';
import { parse } from './args.ts';
import { openRuntime } from './runtime.ts';

export async function runChat(args: string[]): Promise<number> {
  parse(args, {}, 'usage: discorsi chat');
  const { runtime, config } = await openRuntime({ logLevel: 'warn' });
  await runTerminalChat({ engine: runtime.engine, translate: runtime.translate, language: config.defaultLanguage });
  return 0;
}
