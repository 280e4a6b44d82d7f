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
