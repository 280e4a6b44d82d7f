/** Commands, buttons and messages of the Telegram channel. */
import type { Bot } from 'grammy';
import { isLanguage, type Language } from '../../core/languages.ts';
import type { Reply } from '../../core/types.ts';
import { MENU_TOPICS, type MenuTopic } from '../../engine/engine.ts';
import type { TelegramBotOptions } from './bot.ts';
import type { DiscorsiContext } from './context.ts';
import { forgetKeyboard, languagesKeyboard, questionsKeyboard, topicsKeyboard } from './keyboards.ts';
import type { MessageMerger } from './merge.ts';
import { sendReply, sendText, showTyping } from './send.ts';

/** What the handoff service tells the person once their request is recorded. */
export type HandoffHook = (request: { userId: string; chatId: number; language: Language; reason: 'user_request' | 'emergency' | 'sensitive' | 'low_confidence' | 'repeated_failure'; text?: string; reply?: Reply }) => Promise<string | undefined>;

const NON_TEXT = ['photo', 'voice', 'audio', 'video', 'video_note', 'sticker', 'document', 'location', 'contact', 'animation', 'poll', 'venue', 'dice'] as const;

export function registerHandlers(bot: Bot<DiscorsiContext>, options: TelegramBotOptions & { merger: MessageMerger }): void {
  const { engine, translate: t, storage, log } = options;
  const saveSession = (ctx: DiscorsiContext) => storage.sessions.save({ ...ctx.discorsi.session, updatedAt: Date.now() });

  async function askForPerson(ctx: DiscorsiContext, reason: Parameters<HandoffHook>[0]['reason'], text?: string, reply?: Reply) {
    const lang = ctx.discorsi.language;
    const told = options.onHandoff ? await options.onHandoff({ userId: ctx.discorsi.userId, chatId: ctx.chat!.id, language: lang, reason, text, reply }) : undefined;
    if (!reply || reply.kind !== 'handoff') await sendText(ctx, told ?? `${t(lang, 'handoff.requested')}\n${t(lang, 'handoff.next')}`);
    else if (told) await sendText(ctx, told);
  }

  async function answerText(ctx: DiscorsiContext, text: string) {
    showTyping(ctx, log);
    const { userId, session } = ctx.discorsi;
    const history = storage.messages.recent(userId, 6).map((m) => ({ role: m.role === 'user' ? 'user' as const : 'bot' as const, text: m.text }));
    const reply = await engine.handle({
      userId, channel: 'telegram', text, audience: 'migrant',
      languageChosen: session.language,
      languageHint: session.lastLanguage ?? ctx.discorsi.language,
      history,
    });
    const now = Date.now();
    storage.messages.append({ userId, role: 'user', text, at: now });
    storage.messages.append({ userId, role: 'bot', text: reply.parts.gist ?? reply.kind, kind: reply.kind, itemId: reply.citations[0]?.id, at: now });
    session.lastLanguage = reply.language;
    session.lastTopic = reply.topic ?? session.lastTopic;
    session.failures = reply.kind === 'no_answer' ? session.failures + 1 : 0;
    ctx.discorsi.language = session.language ?? reply.language;
    saveSession(ctx);
    await sendReply(ctx, reply, t);
    if (reply.kind === 'handoff') await askForPerson(ctx, 'user_request', text, reply);
    else if (reply.kind === 'emergency' && options.onHandoff) await askForPerson(ctx, reply.handoff.reason === 'sensitive' ? 'sensitive' : 'emergency', text, reply);
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
    if (value < 0) {
      ctx.discorsi.session.failures += 1;
      saveSession(ctx);
    }
    await ctx.answerCallbackQuery({ text: t(ctx.discorsi.language, 'telegram.feedback_thanks') }).catch(() => undefined);
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
