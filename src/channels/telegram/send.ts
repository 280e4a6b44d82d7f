/** Sending rendered replies, and the calls whose failure must never matter (typing indicator). */
import type { InlineKeyboard } from 'grammy';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/types.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { DiscorsiContext } from './context.ts';
import { replyKeyboard } from './keyboards.ts';
import { escapeHtml, renderTelegram } from './render.ts';

const SEND_OPTIONS = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

/** Sends plain interface text (escaped), with an optional keyboard. */
export async function sendText(ctx: DiscorsiContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  await ctx.reply(escapeHtml(text), { ...SEND_OPTIONS, reply_markup: keyboard });
}

/** Sends an engine reply, split into messages; the keyboard goes under the last one. */
export async function sendReply(ctx: DiscorsiContext, reply: Reply, t: Translate): Promise<void> {
  const messages = renderTelegram(reply);
  const keyboard = replyKeyboard(reply, t);
  for (const [i, html] of messages.entries()) {
    await ctx.reply(html, { ...SEND_OPTIONS, reply_markup: i === messages.length - 1 ? keyboard : undefined });
  }
}

/** Shows "typing…": a failure here (unsupported method, network) is only a warning. */
export function showTyping(ctx: DiscorsiContext, log: Logger): void {
  ctx.replyWithChatAction('typing').catch((err: unknown) => log.debug({ err: (err as Error).message }, 'typing indicator failed'));
}

/** Minimum time between two edits of a streamed answer (Telegram's limits, and slow phones). */
export const STREAM_EDIT_MS = 1000;

/**
 * Streams a generated answer into one message, edited as text arrives (at most once per
 * STREAM_EDIT_MS); `finish` replaces it with the final, verified reply.
 */
export function createStreamer(ctx: DiscorsiContext, log: Logger, now: () => number = Date.now) {
  let messageId: number | undefined;
  let last = 0;
  let shown = '';
  let chain: Promise<void> = Promise.resolve();
  const run = (task: () => Promise<void>) => {
    chain = chain.then(task).catch((err: Error) => log.debug({ err: err.message }, 'stream edit failed'));
  };
  return {
    partial(text: string) {
      if (now() - last < STREAM_EDIT_MS || !text.trim() || text === shown) return;
      last = now();
      shown = text;
      const snapshot = `${text.slice(0, 3500)} …`;
      run(async () => {
        if (messageId === undefined) messageId = (await ctx.reply(escapeHtml(snapshot), SEND_OPTIONS)).message_id;
        else await ctx.api.editMessageText(ctx.chat!.id, messageId, escapeHtml(snapshot), SEND_OPTIONS);
      });
    },
    async finish(reply: Reply, t: Translate): Promise<void> {
      await chain;
      if (messageId === undefined) return sendReply(ctx, reply, t);
      const messages = renderTelegram(reply);
      const keyboard = replyKeyboard(reply, t);
      await ctx.api.editMessageText(ctx.chat!.id, messageId, messages[0]!, { ...SEND_OPTIONS, reply_markup: messages.length === 1 ? keyboard : undefined });
      for (const [i, html] of messages.slice(1).entries()) {
        await ctx.reply(html, { ...SEND_OPTIONS, reply_markup: i === messages.length - 2 ? keyboard : undefined });
      }
    },
  };
}
