/**
 * The conversation: everything a person experiences that is the same on every channel. It keeps
 * the history and the session, reads follow-ups with the previous question (through the engine),
 * counts replies that did not help, decides when a person is brought in, opens the case, and
 * never promises what will not happen (no operators here → says so and gives the numbers; in a
 * group → asks to write in private). Telegram, Slack, WhatsApp and the terminal call it and only
 * render what it returns.
 */
import type { Language } from '../core/languages.ts';
import type { Audience, HandoffReason, Reply } from '../core/types.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { Case } from '../handoff/types.ts';
import { priorityForLevel } from '../handoff/types.ts';
import type { HandoffRequest } from '../handoff/service.ts';
import { recentTurns, type FeedbackStore, type MessageStore, type Session, type SessionStore } from '../storage/ports.ts';
import { HELPLINE_VALUES } from '../triage/triage.ts';
import type { Engine, HandleOptions } from './engine.ts';
import { renderPlainText } from './render-text.ts';

/** Replies that did not help in a row (no answer, 👎) after which a person is brought in. */
export const REPEATED_FAILURES = 2;
const HISTORY_TURNS = 6;

/** The part of the handoff service a conversation needs. */
export interface CaseDesk {
  request(req: HandoffRequest): { case: Case; created: boolean; text: string };
  active(userId: string): Case | undefined;
  /** Adds the message to the person's case; true when an operator has it (the bot stays silent). */
  userMessage(userId: string, text: string): boolean;
  botAnswered(userId: string, text: string): void;
}

export interface ConversationOptions {
  engine: Engine;
  sessions: SessionStore;
  messages: MessageStore;
  feedback: FeedbackStore;
  translate: Translate;
  /** Cases and operators; without it (or without any operators' channel) nobody can be promised. */
  desk?: CaseDesk;
  operatorsAvailable: boolean;
  now?: () => number;
}

export interface TurnInput {
  userId: string;
  channel: string;
  text: string;
  audience: Audience;
  /** Where the person is reached on their channel (a chat id), for the case. */
  address?: string;
  /** Whose history this is: the person (default) or a thread (Slack). */
  conversationKey?: string;
  /** A private chat: cases are opened only there. */
  private: boolean;
  /** The platform's language of the person. */
  languageHint?: Language;
  topic?: string;
  /** A link that opens a private chat with the bot (groups). */
  privateLink?: string;
}

export interface TurnResult {
  /** What to send; undefined when an operator has the case (the message went to them). */
  reply?: Reply;
  /** A line about the person's case: opened, already open, or that nobody is available here. */
  caseText?: string;
  /** The case that was opened or added to. */
  caseOpened?: boolean;
}

export interface Conversation {
  /** One message of a person. */
  turn(input: TurnInput, options?: HandleOptions): Promise<TurnResult>;
  /** A tap on an item (a "did you mean…?" option, a menu entry) or on "More". */
  choose(input: Omit<TurnInput, 'text'>, itemId: string, options?: { more?: boolean }): Promise<TurnResult>;
  /** 👍/👎 on an answer; two unhelpful replies bring in a person. */
  feedback(input: Omit<TurnInput, 'text'>, value: 1 | -1, itemId?: string): Promise<TurnResult>;
  /** The person asks for a human (button, command). */
  askForPerson(input: Omit<TurnInput, 'text'>, reason?: HandoffReason, text?: string): Promise<TurnResult>;
  /** The session of a person (language chosen, last topic…). */
  session(userId: string, channel: string): Session;
  saveSession(session: Session): void;
}

export function createConversation(options: ConversationOptions): Conversation {
  const { engine, sessions, messages, translate: t } = options;
  const now = options.now ?? Date.now;

  function session(userId: string, channel: string): Session {
    return sessions.get(userId) ?? { userId, channel, consentShown: false, failures: 0, updatedAt: now() };
  }
  const saveSession = (s: Session) => sessions.save({ ...s, updatedAt: now() });
  const canOpen = (input: { private: boolean }) => Boolean(options.desk) && options.operatorsAvailable && input.private;

  /** What the person is told when no case can be opened here: the truth, and who can help. */
  function unavailable(lang: Language, input: { private: boolean; privateLink?: string }): string {
    if (!input.private && options.desk && options.operatorsAvailable) {
      return t(lang, 'handoff.private_only', { link: input.privateLink ?? '' });
    }
    return t(lang, 'handoff.unavailable', { ...HELPLINE_VALUES });
  }

  /** A handoff reply whose promise this channel can keep. */
  function honest(reply: Reply, input: TurnInput): Reply {
    if (reply.kind !== 'handoff' || canOpen(input)) return reply;
    const parts = { ...reply.parts, details: unavailable(reply.language, input) };
    return { ...reply, parts, text: renderPlainText(parts, reply.citations) };
  }

  async function openCase(input: Omit<TurnInput, 'text'>, lang: Language, reason: HandoffReason, extra: { text?: string; reply?: Reply; topic?: string }): Promise<TurnResult> {
    if (!canOpen(input) || !options.desk) return { caseText: unavailable(lang, input) };
    const key = input.conversationKey ?? input.userId;
    const history = recentTurns(messages, key, HISTORY_TURNS);
    const result = options.desk.request({
      userId: input.userId, channel: input.channel, address: input.address ?? '', language: lang,
      topic: extra.reply?.topic ?? extra.topic, reason, text: extra.text, botText: extra.reply?.parts.gist,
      history: extra.text ? history.slice(0, -2) : history,
      ...(extra.reply?.priority ? { priority: priorityForLevel(extra.reply.priority) } : {}),
    });
    return { caseText: result.text, caseOpened: true };
  }

  async function turn(input: TurnInput, handleOptions: HandleOptions = {}): Promise<TurnResult> {
    const s = session(input.userId, input.channel);
    // An operator has the case: the message goes to them, and the bot stays silent.
    if (input.private && options.desk?.userMessage(input.userId, input.text)) return {};
    const key = input.conversationKey ?? input.userId;
    const history = recentTurns(messages, key, HISTORY_TURNS);
    const raw = await engine.handle({
      userId: input.userId, channel: input.channel, text: input.text, audience: input.audience, topic: input.topic,
      languageChosen: s.language, languageHint: s.lastLanguage ?? input.languageHint, history,
    }, handleOptions);
    const reply = honest(raw, input);
    const at = now();
    messages.append({ userId: key, role: 'user', text: input.text, at });
    messages.append({ userId: key, role: 'bot', text: reply.parts.gist ?? reply.kind, kind: reply.kind, itemId: reply.citations[0]?.id, at });
    s.lastLanguage = reply.language;
    s.lastTopic = reply.topic ?? s.lastTopic;
    if (reply.kind === 'no_answer') s.failures += 1;
    else if (reply.kind === 'answer' || reply.kind === 'handoff' || reply.kind === 'emergency') s.failures = 0;
    const failed = s.failures >= REPEATED_FAILURES;
    if (failed) s.failures = 0;
    saveSession(s);
    // Re-read the case just before answering: if an operator claimed it meanwhile, stay silent.
    const active = input.private ? options.desk?.active(input.userId) : undefined;
    if (active?.state === 'claimed') return {};
    if (active) options.desk!.botAnswered(input.userId, reply.parts.gist ?? reply.kind);
    const reason: HandoffReason | undefined = reply.kind === 'handoff'
      ? (reply.handoff.reason === 'sensitive' ? 'sensitive' : 'user_request')
      : reply.kind === 'emergency' ? 'emergency'
      : reply.handoff.reason === 'sensitive' ? 'sensitive'
      : failed ? 'repeated_failure' : undefined;
    // Operators on Slack asking about someone else's situation get guidance, not a case.
    if (!reason || active || input.audience === 'operator') return { reply };
    if (!canOpen(input)) {
      // The reply already says what happens (handoff); otherwise say once that nobody is connected here.
      return reply.kind === 'handoff' ? { reply } : { reply, caseText: reason === 'repeated_failure' || reply.kind === 'emergency' || reason === 'sensitive' ? unavailable(reply.language, input) : undefined };
    }
    return { reply, ...(await openCase(input, reply.language, reason, { text: input.text, reply })) };
  }

  async function choose(input: Omit<TurnInput, 'text'>, itemId: string, chooseOptions: { more?: boolean } = {}): Promise<TurnResult> {
    const s = session(input.userId, input.channel);
    const lang = s.language ?? s.lastLanguage ?? input.languageHint ?? 'it';
    const reply = await engine.answerItem(itemId, lang, input.audience, chooseOptions);
    if (!reply) return {};
    if (!chooseOptions.more) {
      const key = input.conversationKey ?? input.userId;
      messages.append({ userId: key, role: 'bot', text: reply.parts.gist ?? reply.kind, kind: reply.kind, itemId, at: now() });
      s.failures = 0;
      s.lastTopic = reply.topic ?? s.lastTopic;
      saveSession(s);
    }
    return { reply };
  }

  async function feedback(input: Omit<TurnInput, 'text'>, value: 1 | -1, itemId?: string): Promise<TurnResult> {
    options.feedback.add({ userId: input.userId, value, kind: 'answer', itemId, at: now() });
    if (value > 0) return {};
    const s = session(input.userId, input.channel);
    s.failures += 1;
    const failed = s.failures >= REPEATED_FAILURES;
    if (failed) s.failures = 0;
    saveSession(s);
    if (!failed || (input.private && options.desk?.active(input.userId))) return {};
    return openCase(input, s.language ?? s.lastLanguage ?? 'it', 'repeated_failure', { topic: s.lastTopic });
  }

  async function askForPerson(input: Omit<TurnInput, 'text'>, reason: HandoffReason = 'user_request', text?: string): Promise<TurnResult> {
    const s = session(input.userId, input.channel);
    return openCase(input, s.language ?? s.lastLanguage ?? input.languageHint ?? 'it', reason, { text, topic: s.lastTopic });
  }

  return { turn, choose, feedback, askForPerson, session, saveSession };
}
