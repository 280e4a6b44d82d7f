/**
 * The real Telegram adapter without a network: updates are fed directly to the bot and every
 * outgoing Bot API call is answered locally. Used by `discorsi bench` (channel throughput) and by
 * the fuzz tests; the middleware, handlers and engine are exactly those of `discorsi start`.
 */
import type { Update, UserFromGetMe } from 'grammy/types';
import type { Logger } from '../../core/logger.ts';
import { createPseudonymiser } from '../../core/pseudonym.ts';
import type { Runtime } from '../../main.ts';
import type { Storage } from '../../storage/ports.ts';
import { createTelegramBot, type TelegramBot } from './bot.ts';

export const OFFLINE_BOT: UserFromGetMe = {
  id: 42, is_bot: true, first_name: 'Discorsi', username: 'discorsi_bot', can_join_groups: true,
  can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false,
  has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false,
};

export interface SentCall {
  method: string;
  chatId?: number;
  text?: string;
  at: number;
}

export interface OfflineTelegram {
  telegram: TelegramBot;
  sent: SentCall[];
  feed(update: Update): Promise<void>;
}

export function createOfflineTelegram(runtime: Runtime, storage: Storage, log: Logger, options: { record?: boolean } = {}): OfflineTelegram {
  const sent: SentCall[] = [];
  const telegram = createTelegramBot({
    token: '1:offline', apiRoot: 'http://127.0.0.1:9', engine: runtime.engine, translate: runtime.translate, storage,
    pseudonymise: createPseudonymiser(Buffer.alloc(32, 7)), log, defaultLanguage: runtime.config.defaultLanguage,
    retentionDays: runtime.config.retentionDays, mergeWindowMs: 0, throttle: false, botInfo: OFFLINE_BOT,
    rateLimit: { max: 1_000_000, windowMs: 1000 },
  });
  let messageId = 1;
  // Every Bot API call is answered here, as Telegram would, without leaving the process.
  telegram.bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as { chat_id?: number; text?: string };
    if (options.record !== false) sent.push({ method, chatId: p.chat_id, text: p.text, at: performance.now() });
    const result = method === 'sendMessage' ? { message_id: messageId++, date: 0, chat: { id: p.chat_id, type: 'private' }, text: p.text } : true;
    return { ok: true, result } as never;
  });
  return {
    telegram,
    sent,
    feed: (update) => telegram.bot.handleUpdate(update),
  };
}
