/**
 * Small talk (greetings, thanks, "ok", goodbye, "are you a robot?", "who made you?"): recognised
 * from the phrases of ./smalltalk.json, in any of the twelve languages and scripts. A message is
 * small talk only when it is made of such phrases and filler words alone; "ciao, come rinnovo il
 * permesso?" is a question.
 */
import { foldText, splitWords } from '../rag/text.ts';
import data from './smalltalk.json' with { type: 'json' };

export type SmalltalkIntent = keyof typeof data.intents;
export const SMALLTALK_INTENTS = Object.keys(data.intents) as SmalltalkIntent[];

const key = (text: string) => splitWords(foldText(text)).join(' ');
const MAX_PHRASE_WORDS = 6;
const EMOJI_OK = /^[\s\p{Extended_Pictographic}\u{1f3fb}-\u{1f3ff}\ufe0f\u200d!.?]+$/u;

const phrases = new Map<string, SmalltalkIntent>();
for (const intent of SMALLTALK_INTENTS) {
  for (const p of data.intents[intent]) {
    const k = key(p);
    // The first intent listing a phrase wins ("ciao" greets; "ciao ciao" says goodbye).
    if (k && !phrases.has(k)) phrases.set(k, intent);
  }
}
const filler = new Set(data.filler.map(key).filter(Boolean));

/** The small-talk intent of a message, or undefined when it says (or asks) anything else. */
export function smalltalkIntent(text: string): SmalltalkIntent | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 120) return undefined;
  const words = splitWords(foldText(trimmed));
  if (words.length === 0) return EMOJI_OK.test(trimmed) && /\p{Extended_Pictographic}/u.test(trimmed) ? 'ok' : undefined;
  const found: SmalltalkIntent[] = [];
  for (let i = 0; i < words.length;) {
    let matched = 0;
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n > 0 && !matched; n--) {
      const intent = phrases.get(words.slice(i, i + n).join(' '));
      if (intent) {
        found.push(intent);
        matched = n;
      }
    }
    if (matched) i += matched;
    else if (filler.has(words[i]!)) i++;
    else return undefined;
  }
  if (found.length === 0) return undefined;
  // "grazie, ciao" is a goodbye; "ciao, sei un robot?" asks about the bot: the most specific intent wins.
  const order: SmalltalkIntent[] = ['robot', 'creator', 'how_are_you', 'bye', 'thanks', 'greeting', 'ok'];
  return order.find((i) => found.includes(i));
}
