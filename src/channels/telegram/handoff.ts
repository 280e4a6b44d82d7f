/**
 * Telegram's side of the handoff: delivering operator messages to people (with the "from a
 * person" marker and rating buttons), and the operators' group (case cards with buttons;
 * operators answer by replying to the case's messages).
 */
import { InlineKeyboard, type Bot } from 'grammy';
import type { Translate } from '../../i18n/i18n.ts';
import type { Logger } from '../../core/logger.ts';
import type { HandoffService } from '../../handoff/service.ts';
import type { HandoffStore } from '../../handoff/store.ts';
import { caseHeadline, caseSummary } from '../../handoff/summary.ts';
import type { Deliverer } from '../../handoff/outbox-worker.ts';
import type { Translator } from '../../llm/language-tasks.ts';
import type { DiscorsiContext } from './context.ts';
import { escapeHtml } from './render.ts';

export const USER_TARGET = 'telegram:user';
export const OPERATORS_TARGET = 'telegram:operators';

const HTML = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

export function ratingKeyboard(): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (let i = 1; i <= 5; i++) kb.text('⭐'.repeat(i), `r:${i}`);
  return kb;
}

/** Sends outbox messages to people in their private chat. */
export function telegramUserDeliverer(bot: Bot<DiscorsiContext>, store: HandoffStore, t: Translate, translator?: Translator): Deliverer {
  return async (item) => {
    if (item.payload.type !== 'user_text') throw new Error(`unexpected payload ${item.payload.type}`);
    const { address, text, from, rating } = item.payload;
    const c = item.caseId ? store.get(item.caseId) : undefined;
    const lang = c?.language ?? 'it';
    const header = from !== undefined ? `👤 <b>${escapeHtml(t(lang, 'handoff.from_operator', { name: from || '—' }))}</b>\n` : '';
    // An operator's words, translated into the person's language; the original one tap away.
    const translated = from !== undefined && translator && lang !== 'it' ? await translator.translate(text, lang) : undefined;
    const body = translated ? `${escapeHtml(translated)}\n\n<tg-spoiler>${escapeHtml(text)}</tg-spoiler>` : escapeHtml(text);
    await bot.api.sendMessage(Number(address), header + body, HTML);
    if (rating) await bot.api.sendMessage(Number(address), escapeHtml(t(lang, 'handoff.rate')), { ...HTML, reply_markup: ratingKeyboard() });
  };
}

function cardKeyboard(t: Translate, caseId: string, state: string): InlineKeyboard | undefined {
  if (state === 'closed' || state === 'expired') return undefined;
  const kb = new InlineKeyboard();
  if (state === 'open') kb.text(t('it', 'operator.claim'), `c:${caseId}`);
  return kb.text(t('it', 'operator.close'), `x:${caseId}`).row().text(t('it', 'operator.raise'), `p:${caseId}:1`).text(t('it', 'operator.lower'), `p:${caseId}:3`);
}

/** Posts case cards and thread lines in the operators' Telegram group. */
export function telegramOperatorsDeliverer(bot: Bot<DiscorsiContext>, chatId: number, store: HandoffStore, t: Translate, translator?: Translator): Deliverer {
  const remember = (caseId: string, messageId: number) => store.addThreadMessage(caseId, OPERATORS_TARGET, `${chatId}:${messageId}`);
  return async (item) => {
    const p = item.payload;
    if (p.type === 'user_text') throw new Error('unexpected payload user_text');
    const c = store.get(p.caseId);
    if (!c) return; // erased (/forget): nothing to deliver
    const cardRef = store.thread(c.id, OPERATORS_TARGET);
    const cardId = cardRef ? Number(cardRef.split(':')[1]) : undefined;
    if (p.type === 'case_card') {
      const text = escapeHtml(caseSummary(t, c, store.messages(c.id), store.queuePosition(c.id)));
      const keyboard = cardKeyboard(t, c.id, c.state);
      if (p.update && cardId) {
        await bot.api.editMessageText(chatId, cardId, text, { ...HTML, reply_markup: keyboard }).catch((err: { description?: string }) => {
          if (!String(err.description ?? '').includes('not modified')) throw err;
        });
        return;
      }
      const prefix = p.reminder ? `${escapeHtml(t('it', 'operator.reminder'))}\n\n` : '';
      const sent = await bot.api.sendMessage(chatId, prefix + text, { ...HTML, reply_markup: keyboard, ...(cardId ? { reply_parameters: { message_id: cardId, allow_sending_without_reply: true } } : {}) });
      if (!cardId) store.setThread(c.id, OPERATORS_TARGET, `${chatId}:${sent.message_id}`);
      remember(c.id, sent.message_id);
      return;
    }
    if (!cardId) throw new Error('case card not posted yet');
    const who = p.author === 'user' ? t('it', 'operator.user_says') : p.author === 'bot' ? t('it', 'operator.bot_says') : p.author;
    const italian = p.author === 'user' && translator && c.language !== 'it' ? await translator.translate(p.text, 'it') : undefined;
    const body = escapeHtml(p.text) + (italian ? `\n<i>🇮🇹 ${escapeHtml(t('it', 'operator.translation'))}: ${escapeHtml(italian)}</i>` : '');
    const sent = await bot.api.sendMessage(chatId, `<b>${escapeHtml(who)}</b> · ${escapeHtml(caseHeadline(t, c))}\n${body}`, { ...HTML, reply_parameters: { message_id: cardId, allow_sending_without_reply: true } });
    remember(c.id, sent.message_id);
  };
}

/** Buttons and replies of operators in the operators' group. */
export function registerOperatorGroup(bot: Bot<DiscorsiContext>, chatId: number, handoff: HandoffService, store: HandoffStore, log: Logger): void {
  const group = bot.filter((ctx) => ctx.chat?.id === chatId);
  const operatorId = (ctx: DiscorsiContext) => `telegram:${ctx.from?.id}`;
  const answer = (ctx: DiscorsiContext, text: string) => ctx.answerCallbackQuery({ text: text.slice(0, 190), show_alert: true }).catch(() => undefined);

  group.callbackQuery(/^c:(.+)$/, async (ctx) => {
    const outcome = handoff.claim(ctx.match[1]!, operatorId(ctx), ctx.from.first_name);
    await answer(ctx, outcome.message);
  });
  group.callbackQuery(/^x:(.+)$/, async (ctx) => {
    await answer(ctx, handoff.close(ctx.match[1]!, operatorId(ctx)).message);
  });
  group.callbackQuery(/^p:(.+):(\d)$/, async (ctx) => {
    await answer(ctx, handoff.setPriority(ctx.match[1]!, operatorId(ctx), Number(ctx.match[2])).message);
  });
  group.on('message:text', async (ctx) => {
    const replied = ctx.message.reply_to_message?.message_id;
    if (!replied) return;
    const c = store.caseByThread(OPERATORS_TARGET, `${chatId}:${replied}`);
    if (!c) return;
    const outcome = handoff.operatorMessage(c.id, operatorId(ctx), ctx.message.text);
    if (outcome && (!outcome.ok || outcome.message)) {
      await ctx.reply(escapeHtml(outcome.message), { ...HTML, reply_parameters: { message_id: ctx.message.message_id } }).catch((err: Error) => log.warn({ err: err.message }, 'operator notice failed'));
    }
  });
}
