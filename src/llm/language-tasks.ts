/**
 * Small model tasks around the conversation: rewriting a follow-up into a self-contained question
 * for retrieval, and translating messages between a person and an operator. Personal data is
 * redacted before sending and restored after. Any failure returns undefined: callers go on without.
 */
import type OpenAI from 'openai';
import { LANGUAGE_NAMES, type Language } from '../core/languages.ts';
import type { Logger } from '../core/logger.ts';
import { fillPrompt } from './prompts.ts';
import { redact, restore } from './redact.ts';

export interface Translator {
  translate(text: string, target: Language): Promise<string | undefined>;
}

export interface QuestionRewriter {
  rewrite(text: string, history: readonly { role: 'user' | 'bot'; text: string }[]): Promise<string | undefined>;
}

/** Turns kept for rewriting, and characters kept of each: bounded cost, bounded exposure. */
const TURNS = 4;
const TURN_CHARS = 300;

export function createLanguageTasks(client: OpenAI, model: string, timeoutMs: number, log: Logger): Translator & QuestionRewriter {
  async function complete(system: string, user: string): Promise<string | undefined> {
    try {
      const res = await client.chat.completions.create({ model, temperature: 0, max_tokens: 400, messages: [{ role: 'system', content: system }, { role: 'user', content: user }] }, { signal: AbortSignal.timeout(timeoutMs) });
      const text = res.choices[0]?.message?.content?.trim();
      return text || undefined;
    } catch (err) {
      log.warn({ status: (err as { status?: number }).status ?? 'network' }, 'language task failed');
      return undefined;
    }
  }
  return {
    async translate(text, target) {
      const r = redact(text);
      const out = await complete(fillPrompt('translate.system', { target, target_name: LANGUAGE_NAMES[target] }), `<text>\n${r.text}\n</text>`);
      return out === undefined ? undefined : restore(out, r.map);
    },
    async rewrite(text, history) {
      const turns = history.slice(-TURNS).map((h) => `${h.role === 'user' ? 'Person' : 'Assistant'}: ${h.text.slice(0, TURN_CHARS)}`);
      const r = redact(`${turns.join('\n')}\nPerson: ${text.slice(0, TURN_CHARS)}`);
      const out = await complete(fillPrompt('rewrite.system', {}), `<conversation>\n${r.text}\n</conversation>`);
      return out === undefined ? undefined : restore(out, r.map).slice(0, 400);
    },
  };
}
