/**
 * Running the Telegram bot: long polling with @grammyjs/runner by default (no public URL needed),
 * or a webhook on POST /telegram/webhook when TELEGRAM_WEBHOOK_URL is set. The webhook checks
 * X-Telegram-Bot-Api-Secret-Token: wrong or missing → 401 and nothing is processed.
 */
import { webhookCallback } from 'grammy';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Logger } from '../../core/logger.ts';
import type { HttpServer } from '../../server/http.ts';
import { publishCommands, type TelegramBot } from './bot.ts';

export const WEBHOOK_PATH = '/telegram/webhook';

export interface TelegramRunOptions {
  webhookUrl?: string;
  webhookSecret?: string;
  http?: HttpServer;
  log: Logger;
}

/** Starts the bot; resolves with a function that stops it gracefully (in-flight updates finish). */
export async function startTelegram(telegram: TelegramBot, options: TelegramRunOptions): Promise<() => Promise<void>> {
  const { bot, merger } = telegram;
  await bot.init();
  await publishCommands(bot.api, options.log);
  if (options.webhookUrl) {
    if (!options.http || !options.webhookSecret) throw new Error('webhook mode needs the HTTP server and TELEGRAM_WEBHOOK_SECRET');
    const handle = webhookCallback(bot, 'http', { secretToken: options.webhookSecret, onTimeout: 'return', timeoutMilliseconds: 9000 });
    options.http.route('POST', WEBHOOK_PATH, handle);
    await bot.api.setWebhook(options.webhookUrl, { secret_token: options.webhookSecret, drop_pending_updates: false });
    options.log.info({ mode: 'webhook' }, 'telegram channel started');
    return async () => {
      merger.flushAll();
    };
  }
  await bot.api.deleteWebhook().catch((err: unknown) => options.log.warn({ err: (err as Error).message }, 'deleteWebhook failed'));
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: ['message', 'edited_message', 'callback_query'] }, silent: true },
  });
  options.log.info({ mode: 'polling' }, 'telegram channel started');
  return async () => {
    merger.flushAll();
    if (runner.isRunning()) await runner.stop();
  };
}
