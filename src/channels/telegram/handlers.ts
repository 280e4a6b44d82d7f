/**
 * Commands, buttons and messages of the Telegram channel: each turns the update into a call of the
 * conversation (src/engine/conversation.ts) and renders what comes back. No conversation logic here.
 */
import type { Bot } from 'grammy';
import { isLanguage } from '../../core/languages.ts';
import { MENU_TOPICS, type MenuTopic } from '../../engine/engine.ts';
import type { Conversation, TurnInput, TurnResult } from '../../engine/conversation.ts';
import type { TelegramBotOptions } from './bot.ts';
import type { DiscorsiContext } from './context.ts';
import { forgetKeyboard, languagesKeyboard, questionsKeyboard, topicsKeyboard } from './keyboards.ts';
import type { MessageMerger } from './merge.ts';
import { createStreamer, sendReply, sendText, showTyping } from './send.ts';
import { escapeHtml } from './render.ts';

const NON_TEXT = ['photo', 'voice', 'audio', 'video', 'video_note', 'sticker', 'document', 'location', 'contact', 'animation', 'poll', 'venue', 'dice'] as const;

export function registerHandlers(bot: Bot<DiscorsiContext>, options: TelegramBotOptions & { merger: MessageMerger; conversation: Conversation }): void {
  const { translate: t, storage, log, conversation } = options;
  const saveSession = (ctx: DiscorsiContext) => conversation.saveSession(ctx.discorsi.session);

  /** The person and their chat, as the conversation sees them. */
  function who(ctx: DiscorsiContext): Omit<TurnInput, 'text'> {
    const username = bot.botInfo?.username;
    return {
      userId: ctx.discorsi.userId, channel: 'telegram', audience: 'migrant', address: String(ctx.chat?.id ?? ''),
      private: ctx.chat?.type === 'private', languageHint: ctx.discorsi.language,
      privateLink: username ? `https://t.me/${username}?start=operator` : undefined,
    };
  }

  /** Sends what the conversation returned; the session it updated is read again next time. */
  async function render(ctx: DiscorsiContext, result: TurnResult, streamer?: ReturnType<typeof createStreamer>) {
    const fresh = conversation.session(ctx.discorsi.userId, 'telegram');
    ctx.discorsi.session = fresh;
    if (result.reply) {
      ctx.discorsi.language = fresh.language ?? result.reply.language;
      if (streamer) await streamer.finish(result.reply, t);
      else await sendReply(ctx, result.reply, t);
    }
    if (result.caseText) await sendText(ctx, result.caseText);
  }

  async function answerText(ctx: DiscorsiContext, text: string) {
    showTyping(ctx, log);
    const streamer = options.streaming ? createStreamer(ctx, log) : undefined;
    const result = await conversation.turn({ ...who(ctx), text }, { onPartial: streamer?.partial });
    await render(ctx, result, streamer);
  }

  async function showTopics(ctx: DiscorsiContext) {
    await sendText(ctx, t(ctx.discorsi.language, 'telegram.menu_title'), topicsKeyboard(t, ctx.discorsi.language));
  }

  bot.command('start', async (ctx) => {
    const lang = ctx.discorsi.language;
    const lines = [t(lang, 'telegram.greeting'), t(lang, 'telegram.can_do'), t(lang, 'telegram.privacy', { days: options.retentionDays })];
    await sendText(ctx, lines.join('\n\n'));
    ctx.discorsi.session.consentShown = true;
    saveSession(ctx);
    // A deep link from a group ("write to me in private") asks for a person.
    if (ctx.match === 'operator') await render(ctx, await conversation.askForPerson(who(ctx)));
    else await showTopics(ctx);
  });
  bot.command('help', (ctx) => sendText(ctx, t(ctx.discorsi.language, 'telegram.help')));
  bot.command(['topics', 'menu'], showTopics);
  bot.command(['language', 'lingua', 'lang'], (ctx) => sendText(ctx, t(ctx.discorsi.language, 'telegram.choose_language'), languagesKeyboard()));
  bot.command(['operator', 'operatore', 'human'], async (ctx) => render(ctx, await conversation.askForPerson(who(ctx))));
  bot.command(['mydata', 'imieidati'], async (ctx) => {
    if (ctx.chat?.type !== 'private') return;
    const data = storage.privacy.export(ctx.discorsi.userId);
    const json = JSON.stringify(data, null, 1);
    await sendText(ctx, t(ctx.discorsi.language, 'telegram.mydata_intro'));
    for (let i = 0; i < json.length; i += 3800) await ctx.reply(`<pre>${escapeHtml(json.slice(i, i + 3800))}</pre>`, { parse_mode: 'HTML' });
  });
  bot.command(['forget', 'dimentica'], (ctx) => sendText(ctx, t(ctx.discorsi.language, 'telegram.forget_confirm'), forgetKeyboard(t, ctx.discorsi.language)));

  const ack = (ctx: DiscorsiContext, text?: string) => ctx.answerCallbackQuery(text ? { text } : undefined).catch((err: Error) => log.debug({ err: err.message }, 'answerCallbackQuery failed'));

  bot.callbackQuery(/^t:(\w+)$/, async (ctx) => {
    await ack(ctx);
    const topic = ctx.match[1] as MenuTopic;
    if (!MENU_TOPICS.includes(topic)) return;
    ctx.discorsi.session.lastTopic = topic;
    saveSession(ctx);
    await sendText(ctx, t(ctx.discorsi.language, 'telegram.topic_questions'), questionsKeyboard(options.engine.menu(topic, ctx.discorsi.language), t, ctx.discorsi.language));
  });
  // A menu entry or a "did you mean…?" option: that item, in the person's language.
  bot.callbackQuery(/^i:(.+)$/, async (ctx) => {
    await ack(ctx);
    await render(ctx, await conversation.choose(who(ctx), ctx.match[1]!));
  });
  bot.callbackQuery(/^m:(.+)$/, async (ctx) => {
    await ack(ctx);
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch((err: Error) => log.debug({ err: err.message }, 'could not remove the More button'));
    await render(ctx, await conversation.choose(who(ctx), ctx.match[1]!, { more: true }));
  });
  bot.callbackQuery(/^fb:(-?1):(.*)$/, async (ctx) => {
    const value = Number(ctx.match[1]) > 0 ? 1 : -1;
    await ack(ctx, t(ctx.discorsi.language, 'telegram.feedback_thanks'));
    await render(ctx, await conversation.feedback(who(ctx), value, ctx.match[2] || undefined));
  });
  bot.callbackQuery(/^r:([1-5])$/, async (ctx) => {
    storage.feedback.add({ userId: ctx.discorsi.userId, value: Number(ctx.match[1]), kind: 'rating', at: Date.now() });
    await ack(ctx, t(ctx.discorsi.language, 'handoff.rating_thanks'));
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch((err: Error) => log.debug({ err: err.message }, 'could not remove the rating buttons'));
  });
  bot.callbackQuery('h', async (ctx) => {
    await ack(ctx);
    await render(ctx, await conversation.askForPerson(who(ctx)));
  });
  bot.callbackQuery(/^l:(\w\w)$/, async (ctx) => {
    await ack(ctx);
    const lang = ctx.match[1];
    if (!isLanguage(lang)) return;
    ctx.discorsi.session.language = lang;
    ctx.discorsi.language = lang;
    saveSession(ctx);
    await sendText(ctx, t(lang, 'telegram.language_set'), topicsKeyboard(t, lang));
  });
  bot.callbackQuery('f:y', async (ctx) => {
    await ack(ctx);
    const lang = ctx.discorsi.language;
    const rows = storage.privacy.forget(ctx.discorsi.userId);
    log.info({ rows }, 'user data erased on request');
    await sendText(ctx, t(lang, 'telegram.forget_done'));
  });
  bot.callbackQuery('f:n', async (ctx) => {
    await ack(ctx);
    await sendText(ctx, t(ctx.discorsi.language, 'telegram.forget_cancelled'));
  });
  bot.on('callback_query', (ctx) => ack(ctx));

  bot.on(['message:text', 'edited_message:text'], async (ctx) => {
    const raw = ctx.mergedText ?? ctx.msg.text;
    const text = bot.botInfo ? raw.replaceAll(`@${bot.botInfo.username}`, ' ') : raw;
    await answerText(ctx, text);
  });
  bot.on(NON_TEXT.map((k) => `message:${k}` as const), async (ctx) => {
    const lang = ctx.discorsi.language;
    await sendText(ctx, t(lang, 'telegram.non_text'), topicsKeyboard(t, lang));
  });
}
