/**
 * The terminal channel: a readline loop over the conversation, for trying Discorsi with no token and
 * no network. A thin adapter, like the others: text in, rendered reply out. "Did you mean…?" shows
 * numbered options (type the number; 0 for a person); "more" shows the rest of the last card.
 */
import readline from 'node:readline';
import type { Language } from '../../core/languages.ts';
import type { Reply } from '../../core/types.ts';
import { createConversation } from '../../engine/conversation.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { createMemoryStores } from '../../storage/memory.ts';
import { renderTerminal } from './render.ts';

export interface TerminalChatOptions {
  engine: Engine;
  translate: Translate;
  language: Language;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

const EXIT_WORDS = new Set(['exit', 'quit', 'esci', 'bye', '/exit', '/quit']);
const MORE_WORDS = new Set(['more', 'altro', 'plus', 'mas', 'más', 'mais', 'mai mult', 'me shume', 'më shumë', '更多', 'більше', 'আরও', 'مزید', 'المزيد']);

/** Runs until the input ends or the person types "exit". */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const { engine, translate: t } = options;
  const output = options.output ?? process.stdout;
  const rl = readline.createInterface({ input: options.input ?? process.stdin, output, terminal: Boolean((output as NodeJS.WriteStream).isTTY) });
  const conversation = createConversation({ engine, ...createMemoryStores(), translate: t, operatorsAvailable: false });
  const who = { userId: 'terminal', channel: 'terminal', audience: 'migrant' as const, private: true, languageHint: options.language };
  let language = options.language;
  let last: Reply | undefined;
  output.write(`${t(language, 'chat.welcome')}\n`);
  const prompt = () => output.write(`\n${t(language, 'chat.prompt')}> `);
  const show = (reply: Reply | undefined, extra?: string) => {
    if (reply) {
      language = reply.language;
      last = reply;
      const hints = reply.kind === 'clarify' ? t(language, 'clarify.pick_hint') : reply.parts.more ? t(language, 'answer.more_hint') : '';
      output.write(`\n${renderTerminal({ ...reply, text: [reply.text, hints].filter(Boolean).join('\n\n') })}\n`);
    }
    if (extra) output.write(`\n${extra}\n`);
  };
  prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (EXIT_WORDS.has(text.toLowerCase())) break;
    if (!text) {
      prompt();
      continue;
    }
    try {
      const pick = last?.kind === 'clarify' && /^\d$/.test(text) ? Number(text) : undefined;
      if (pick === 0) show(undefined, (await conversation.askForPerson(who)).caseText);
      else if (pick !== undefined && last?.options?.[pick - 1]) show((await conversation.choose(who, last.options[pick - 1]!.id)).reply);
      else if (last?.kind === 'answer' && last.parts.more && MORE_WORDS.has(text.toLowerCase())) show((await conversation.choose(who, last.citations[0]!.id, { more: true })).reply);
      else {
        const result = await conversation.turn({ ...who, text });
        show(result.reply, result.caseText);
      }
    } catch (err) {
      process.stderr.write(`discorsi chat: ${(err as Error).name}: ${(err as Error).message.split('\n')[0]}\n`);
      output.write(`\n${t(language, 'errors.internal')}\n`);
    }
    prompt();
  }
  output.write(`\n${t(language, 'chat.bye')}\n`);
  rl.close();
}
