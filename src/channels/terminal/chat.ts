/**
 * The terminal channel: a readline loop over the engine, for trying Discorsi with no token and no
 * network. A thin adapter, like the others: text in, rendered reply out.
 */
import readline from 'node:readline';
import type { Language } from '../../core/languages.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Translate } from '../../i18n/i18n.ts';
import { renderTerminal } from './render.ts';

export interface TerminalChatOptions {
  engine: Engine;
  translate: Translate;
  language: Language;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

const EXIT_WORDS = new Set(['exit', 'quit', 'esci', 'bye', '/exit', '/quit']);

/** Runs until the input ends or the person types "exit". */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const { engine, translate: t } = options;
  const output = options.output ?? process.stdout;
  const rl = readline.createInterface({ input: options.input ?? process.stdin, output, terminal: Boolean((output as NodeJS.WriteStream).isTTY) });
  let language = options.language;
  const history: { role: 'user' | 'bot'; text: string }[] = [];
  output.write(`${t(language, 'chat.welcome')}\n`);
  const prompt = () => output.write(`\n${t(language, 'chat.prompt')}> `);
  prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (EXIT_WORDS.has(text.toLowerCase())) break;
    if (!text) {
      prompt();
      continue;
    }
    try {
      const reply = await engine.handle({ userId: 'terminal', channel: 'terminal', text, audience: 'migrant', languageHint: language, history: history.slice(-6) });
      language = reply.language;
      history.push({ role: 'user', text }, { role: 'bot', text: reply.parts.gist ?? '' });
      output.write(`\n${renderTerminal(reply)}\n`);
    } catch {
      output.write(`\n${t(language, 'errors.internal')}\n`);
    }
    prompt();
  }
  output.write(`\n${t(language, 'chat.bye')}\n`);
  rl.close();
}
