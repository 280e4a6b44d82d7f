/** Commands, buttons and messages of the Telegram channel. */
import type { Bot } from 'grammy';
import { isLanguage } from '../../core/languages.ts';
import type { Reply } from '../../core/types.ts';
import { MENU_TOPICS, type MenuTopic } from '../../engine/engine.ts';
import type { TelegramBotOptions } from './bot.ts';
import type { DiscorsiContext } from './context.ts';
import { forgetKeyboard, languagesKeyboard, questionsKeyboard, topicsKeyboard } from './keyboards.ts';
import type { MessageMerger } from './merge.ts';
import { recentTurns } from '../../storage/ports.ts';
import { createStreamer, sendReply, sendText, showTyping } from './send.ts';
import { escapeHtml } from './render.ts';

type Reason = 'user_request' | 'emergency' | 'sensitive' | 'low_confidence' | 'repeated_failure';
/** Consecutive unhelpful replies (no_answer or 👎) after which a person is brought in. */
const REPEATED_FAILURES = 2;

const NON_TEXT = ['photo', 'voice', 'audio', 'video', 'video_note', 'sticker', 'document', 'location', 'contact', 'animation', 'poll', 'venue', 'dice'] as const;

export function registerHandlers(bot: Bot<DiscorsiContext>, options: TelegramBotOptions & { merger: MessageMerger }): void {
  const { engine, translate: t, storage, log } = options;
  const saveSession = (ctx: DiscorsiContext) => storage.sessions.save({ ...ctx.discorsi.session, updatedAt: Date.now() });

  /** Opens (or adds to) the person's case and tells them where they stand. */
  async function askForPerson(ctx: DiscorsiContext, reason: Reason, text?: string, reply?: Reply) {
    const lang = reply?.language ?? ctx.discorsi.language;
    const handoff = options.handoff?.service;
    if (!handoff || ctx.chat?.type !== 'private') {
      if (reply?.kind !== 'handoff') await sendText(ctx, `${t(lang, 'handoff.requested')}\n${t(lang, 'handoff.next')}`);
      return;
    }
    const history = recentTurns(storage.messages, ctx.discorsi.userId, 6);
    const result = handoff.request({
      userId: ctx.discorsi.userId, channel: 'telegram', address: String(ctx.chat.id), language: lang,
      topic: reply?.topic ?? ctx.discorsi.session.lastTopic, reason, text, botText: reply?.parts.gist,
      history: text ? history.slice(0, -2) : history,
    });
    await sendText(ctx, result.text);
  }

  async function answerText(ctx: DiscorsiContext, text: string) {
    const { userId, session } = ctx.discorsi;
    const handoff = options.handoff?.service;
    // An operator has the case: the message goes to them, and the bot stays silent.
    if (handoff && ctx.chat?.type === 'private' && handoff.userMessage(userId, text)) return;
    showTyping(ctx, log);
    const history = recentTurns(storage.messages, userId, 6);
    const streamer = options.streaming ? createStreamer(ctx, log) : undefined;
    const reply = await engine.handle({
      userId, channel: 'telegram', text, audience: 'migrant',
      languageChosen: session.language,
      languageHint: session.lastLanguage ?? ctx.discorsi.language,
      history,
    }, { onPartial: streamer?.partial });
    const now = Date.now();
    storage.messages.append({ userId, role: 'user', text, at: now });
    storage.messages.append({ userId, role: 'bot', text: reply.parts.gist ?? reply.kind, kind: reply.kind, itemId: reply.citations[0]?.id, at: now });
    session.lastLanguage = reply.language;
    session.lastTopic = reply.topic ?? session.lastTopic;
    session.failures = reply.kind === 'no_answer' ? session.failures + 1 : 0;
    ctx.discorsi.language = session.language ?? reply.language;
    const failed = session.failures >= REPEATED_FAILURES;
    if (failed) session.failures = 0;
    saveSession(ctx);
    // Re-read the case just before sending: if an operator claimed it meanwhile, stay silent.
    if (handoff && handoff.active(userId)?.state === 'claimed') return;
    if (streamer) await streamer.finish(reply, t);
    else await sendReply(ctx, reply, t);
    const active = handoff?.active(userId);
    if (active) handoff!.botAnswered(userId, reply.parts.gist ?? reply.kind);
    const reason = reply.kind === 'handoff' ? 'user_request' : reply.kind === 'emergency' || reply.handoff.reason === 'sensitive' ? (reply.handoff.reason === 'sensitive' ? 'sensitive' : 'emergency') : failed ? 'repeated_failure' : undefined;
    if (reason && !active) await askForPerson(ctx, reason, text, reply);
    else if (reply.kind === 'handoff' && !handoff) await askForPerson(ctx, 'user_request', text, reply);
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
    await showTopics(ctx);
  });
  bot.command('help', (ctx) => sendText(ctx, t(ctx.discorsi.language, 'telegram.help')));
  bot.command(['topics', 'menu'], showTopics);
  bot.command(['language', 'lingua', 'lang'], (ctx) => sendText(ctx, t(ctx.discorsi.language, 'telegram.choose_language'), languagesKeyboard()));
  bot.command(['operator', 'operatore', 'human'], (ctx) => askForPerson(ctx, 'user_request'));
  bot.command(['mydata', 'imieidati'], async (ctx) => {
    if (ctx.chat?.type !== 'private') return;
    const data = storage.privacy.export(ctx.discorsi.userId);
    const json = JSON.stringify(data, null, 1);
    await sendText(ctx, t(ctx.discorsi.language, 'telegram.mydata_intro'));
    for (let i = 0; i < json.length; i += 3800) await ctx.reply(`<pre>${escapeHtml(json.slice(i, i + 3800))}</pre>`, { parse_mode: 'HTML' });
  });
  bot.command(['forget', 'dimentica'], (ctx) => sendText(ctx, t(ctx.discorsi.language, 'telegram.forget_confirm'), forgetKeyboard(t, ctx.discorsi.language)));

  bot.callbackQuery(/^t:(\w+)$/, async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    const topic = ctx.match[1] as MenuTopic;
    if (!MENU_TOPICS.includes(topic)) return;
    ctx.discorsi.session.lastTopic = topic;
    saveSession(ctx);
    await sendText(ctx, t(ctx.discorsi.language, 'telegram.topic_questions'), questionsKeyboard(engine.menu(topic, ctx.discorsi.language), t, ctx.discorsi.language));
  });
  bot.callbackQuery(/^i:(.+)$/, async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    const reply = await engine.answerItem(ctx.match[1]!, ctx.discorsi.language, 'migrant');
    if (reply) await sendReply(ctx, reply, t);
  });
  bot.callbackQuery(/^fb:(-?1):(.*)$/, async (ctx) => {
    const value = Number(ctx.match[1]);
    storage.feedback.add({ userId: ctx.discorsi.userId, value, kind: 'answer', itemId: ctx.match[2] || undefined, at: Date.now() });
    await ctx.answerCallbackQuery({ text: t(ctx.discorsi.language, 'telegram.feedback_thanks') }).catch(() => undefined);
    if (value < 0) {
      ctx.discorsi.session.failures += 1;
      const failed = ctx.discorsi.session.failures >= REPEATED_FAILURES;
      if (failed) ctx.discorsi.session.failures = 0;
      saveSession(ctx);
      if (failed && options.handoff && !options.handoff.service.active(ctx.discorsi.userId)) await askForPerson(ctx, 'repeated_failure');
    }
  });
  bot.callbackQuery(/^r:([1-5])$/, async (ctx) => {
    storage.feedback.add({ userId: ctx.discorsi.userId, value: Number(ctx.match[1]), kind: 'rating', at: Date.now() });
    await ctx.answerCallbackQuery({ text: t(ctx.discorsi.language, 'handoff.rating_thanks') }).catch(() => undefined);
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  });
  bot.callbackQuery('h', async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    await askForPerson(ctx, 'user_request');
  });
  bot.callbackQuery(/^l:(\w\w)$/, async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    const lang = ctx.match[1];
    if (!isLanguage(lang)) return;
    ctx.discorsi.session.language = lang;
    ctx.discorsi.language = lang;
    saveSession(ctx);
    await sendText(ctx, t(lang, 'telegram.language_set'), topicsKeyboard(t, lang));
  });
  bot.callbackQuery('f:y', async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    const lang = ctx.discorsi.language;
    const rows = storage.privacy.forget(ctx.discorsi.userId);
    log.info({ rows }, 'user data erased on request');
    await sendText(ctx, t(lang, 'telegram.forget_done'));
  });
  bot.callbackQuery('f:n', async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    await sendText(ctx, t(ctx.discorsi.language, 'telegram.forget_cancelled'));
  });
  bot.on('callback_query', (ctx) => ctx.answerCallbackQuery().catch(() => undefined));

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
