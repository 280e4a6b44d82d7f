/**
 * The Telegram channel on grammY: a thin adapter. Updates become InboundMessages for the engine;
 * Replies are rendered back as HTML messages with inline keyboards. Retrieval, language, triage
 * and handoff rules live elsewhere.
 */
import { Bot, type Api, type RawApi } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import type { Language } from '../../core/languages.ts';
import { toLanguage } from '../../core/languages.ts';
import type { Logger } from '../../core/logger.ts';
import type { Metrics } from '../../core/metrics.ts';
import type { Pseudonymise } from '../../core/pseudonym.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { Storage } from '../../storage/ports.ts';
import type { DiscorsiContext } from './context.ts';
import type { HandoffService } from '../../handoff/service.ts';
import type { HandoffStore } from '../../handoff/store.ts';
import { registerHandlers } from './handlers.ts';
import { registerOperatorGroup } from './handoff.ts';
import { createConversation, type Conversation } from '../../engine/conversation.ts';
import { MessageMerger } from './merge.ts';
import { RateLimiter } from './rate-limit.ts';
import { sendText } from './send.ts';

export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  engine: Engine;
  translate: Translate;
  storage: Storage;
  pseudonymise: Pseudonymise;
  log: Logger;
  defaultLanguage: Language;
  retentionDays: number;
  /** Messages of one chat within this window are answered together (0 = off). */
  mergeWindowMs: number;
  rateLimit?: { max: number; windowMs: number };
  /** Outgoing throttling to Telegram's limits (default on). */
  throttle?: boolean;
  /** Skips getMe at start-up when known (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  metrics?: Metrics;
  /** Stream generated answers by editing one message as text arrives (at most once a second). */
  streaming?: boolean;
  /** Human handoff: cases, relay to operators. Without it, "talk to a person" only explains. */
  handoff?: { service: HandoffService; store: HandoffStore; operatorsChatId?: number };
  /** The conversation (shared with the other channels); built from the options above when absent. */
  conversation?: Conversation;
  /** Whether any operators' channel receives cases (else nobody is promised). */
  operatorsAvailable?: boolean;
}

export interface TelegramBot {
  bot: Bot<DiscorsiContext>;
  merger: MessageMerger;
}

const RECENT_UPDATES = 10_000;

/** Remembers recent update ids so a duplicated update (retries, replays) is processed once. */
function dedupeUpdates() {
  const seen = new Set<number>();
  const order: number[] = [];
  return async function dedupe(ctx: DiscorsiContext, next: () => Promise<void>) {
    const id = ctx.update.update_id;
    if (typeof id === 'number') {
      if (seen.has(id)) return;
      seen.add(id);
      order.push(id);
      if (order.length > RECENT_UPDATES) seen.delete(order.shift()!);
    }
    await next();
  };
}

function uiLanguage(ctx: DiscorsiContext, fallback: Language): Language {
  return ctx.discorsi?.language ?? toLanguage(ctx.from?.language_code) ?? fallback;
}

export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { translate: t, storage, log } = options;
  const bot = new Bot<DiscorsiContext>(options.token, { client: { apiRoot: options.apiRoot }, botInfo: options.botInfo });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  if (options.throttle !== false) bot.api.config.use(apiThrottler());
  const merger = new MessageMerger(options.mergeWindowMs);
  const limiter = new RateLimiter(options.rateLimit ?? { max: 12, windowMs: 30_000 });

  bot.use(dedupeUpdates());
  bot.use(async function count(_ctx, next) {
    options.metrics?.updates.inc({ channel: 'telegram' });
    await next();
  });
  // One failing update never stops the bot: the person gets an apology, the log gets a code.
  bot.use(async function errorBoundary(ctx, next) {
    try {
      await next();
    } catch (err) {
      log.error({ err: { name: (err as Error).name, code: (err as { error_code?: number }).error_code }, update: ctx.update.update_id }, 'telegram update failed');
      if (ctx.chat) await sendText(ctx, t(uiLanguage(ctx, options.defaultLanguage), 'errors.internal')).catch(() => undefined);
    }
  });
  if (options.handoff?.operatorsChatId !== undefined) {
    registerOperatorGroup(bot, options.handoff.operatorsChatId, options.handoff.service, options.handoff.store, log);
  }
  // In groups: only messages that mention the bot or reply to it; never personal commands.
  bot.use(async function groupFilter(ctx, next) {
    const type = ctx.chat?.type;
    if (!type || type === 'private') return next();
    const msg = ctx.message ?? ctx.editedMessage;
    const text = msg?.text ?? '';
    const mention = bot.botInfo && text.includes(`@${bot.botInfo.username}`);
    const replyToBot = bot.botInfo && msg?.reply_to_message?.from?.id === bot.botInfo.id;
    if (ctx.callbackQuery || mention || replyToBot) return next();
  });
  bot.use(async function rateLimit(ctx, next) {
    if (!ctx.from || !(ctx.message ?? ctx.editedMessage)) return next();
    const decision = limiter.check(String(ctx.from.id));
    if (decision === 'ok') return next();
    if (decision === 'warn') await sendText(ctx, t(toLanguage(ctx.from.language_code) ?? options.defaultLanguage, 'telegram.rate_limited'));
  });
  // Merging happens before the per-chat queue, so a burst of short messages can gather.
  bot.use(async function mergeBurst(ctx, next) {
    const text = ctx.message?.text;
    if (!text || !ctx.chat || text.startsWith('/')) return next();
    const merged = await merger.add(String(ctx.chat.id), text);
    if (merged === undefined) return; // answered together with a later message
    ctx.mergedText = merged;
    await next();
  });
  bot.use(sequentialize((ctx: DiscorsiContext) => (ctx.chat?.id ?? ctx.from?.id)?.toString()));
  bot.use(async function identify(ctx, next) {
    if (!ctx.from) return;
    const userId = options.pseudonymise('telegram', ctx.from.id);
    const session = storage.sessions.get(userId) ?? { userId, channel: 'telegram', consentShown: false, failures: 0, updatedAt: Date.now() };
    const language = session.language ?? session.lastLanguage ?? toLanguage(ctx.from.language_code) ?? options.defaultLanguage;
    ctx.discorsi = { userId, session, language };
    await next();
  });
  const conversation = options.conversation ?? createConversation({
    engine: options.engine, sessions: storage.sessions, messages: storage.messages, feedback: storage.feedback, translate: t,
    desk: options.handoff?.service, operatorsAvailable: options.operatorsAvailable ?? options.handoff?.operatorsChatId !== undefined,
  });
  registerHandlers(bot, { ...options, merger, conversation });
  bot.catch((err) => log.error({ err: { name: err.error instanceof Error ? err.error.name : 'unknown' }, update: err.ctx.update.update_id }, 'telegram middleware error'));
  return { bot, merger };
}

/** Commands shown in Telegram's menu; failure (e.g. an emulator without the method) is a warning. */
export async function publishCommands(api: Api<RawApi>, log: Logger): Promise<void> {
  await api
    .setMyCommands([
      { command: 'start', description: 'Start · Inizia' },
      { command: 'topics', description: 'Topics · Argomenti' },
      { command: 'language', description: 'Language · Lingua' },
      { command: 'operator', description: 'Talk to a person · Parla con una persona' },
      { command: 'forget', description: 'Erase my data · Cancella i miei dati' },
      { command: 'help', description: 'Help · Aiuto' },
    ])
    .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'setMyCommands failed (non-essential)'));
}
