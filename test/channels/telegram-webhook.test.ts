/**
 * Webhook mode and hostile input: updates POSTed to /telegram/webhook as Telegram would, replies
 * going to telegram-test-api on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { botMessages, buttons, freePort, readLog, startBot, startEmulator, waitForMessages, type BotHarness } from '../helpers/telegram.ts';

const SECRET = 'webhook-secret_123';
let server: TelegramServer;
let bot: BotHarness;
let url: string;
let updateId = 5000;

beforeAll(async () => {
  server = await startEmulator();
  const port = await freePort();
  url = `http://127.0.0.1:${port}/telegram/webhook`;
  bot = await startBot(server, { TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: SECRET, PORT: String(port), TELEGRAM_MERGE_WINDOW_MS: '400' });
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await server?.stop();
});

function post(update: unknown, secret: string | null = SECRET) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: typeof update === 'string' ? update : JSON.stringify(update),
  });
}

function message(chatId: number, text: string, extra: Record<string, unknown> = {}, chat: Record<string, unknown> = { type: 'private' }) {
  return {
    update_id: updateId++,
    message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, ...chat }, from: { id: chatId > 0 ? chatId : 77, is_bot: false, first_name: 'A', language_code: 'it' }, text, ...extra },
  };
}

describe('Telegram webhook', () => {
  it('rejects a wrong or missing secret with 401 and processes nothing', async () => {
    const wrong = await post(message(901, 'Come rinnovo il permesso?'), 'wrong');
    const missing = await post(message(901, 'Come rinnovo il permesso?'), null);
    expect(wrong.status).toBe(401);
    expect(missing.status).toBe(401);
    await new Promise((r) => setTimeout(r, 500));
    expect(botMessages(server, 901)).toHaveLength(0);
  });

  it('answers an update with the right secret', async () => {
    const res = await post(message(902, "Come si fa la registrazione del contratto d'affitto all'Agenzia delle Entrate?"));
    expect(res.status).toBe(200);
    const [reply] = await waitForMessages(server, 902, (m) => m.length >= 1);
    expect(reply!.text).toMatch(/30/);
  });

  it('answers an edited message like a new one', async () => {
    const update = { update_id: updateId++, edited_message: { ...message(903, 'Quanti metri quadrati servono per il certificato di idoneità alloggiativa a Torino?').message, edit_date: Math.floor(Date.now() / 1000) } };
    await post(update);
    const [reply] = await waitForMessages(server, 903, (m) => m.length >= 1);
    expect(reply!.text).toMatch(/idoneit/i);
  });

  it('answers a burst of short messages together, once', async () => {
    await Promise.all([post(message(904, 'ciao')), post(message(904, 'ho perso il lavoro')), post(message(904, "la NASpI: entro quanti giorni dal licenziamento si fa la domanda all'INPS?"))]);
    await waitForMessages(server, 904, (m) => m.length >= 1);
    await new Promise((r) => setTimeout(r, 1500));
    const messages = botMessages(server, 904);
    expect(messages).toHaveLength(1);
    // The three messages were read as one question about NASpI: answered, or "did you mean…?" with it.
    expect(/NASpI/.test(messages[0]!.text) || buttons(messages[0]).some((b) => b.data === 'i:work/naspi')).toBe(true);
  });

  it('in a group, answers only when mentioned, and processes a duplicated update once', async () => {
    const group = { type: 'group', title: 'Famiglie' };
    await post(message(-905, 'qualcuno sa dove si rinnova il permesso?', {}, group));
    const mention = message(-905, '', {}, group);
    const username = (await (await fetch(`${server.config.apiURL}/bot123456:TEST-token_for-discorsi/getMe`)).json()) as { result: { username: string } };
    mention.message.text = `@${username.result.username} quanti metri quadrati servono per il certificato di idoneità alloggiativa a Torino?`;
    await post(mention);
    await post(mention); // Telegram retried: same update_id
    await waitForMessages(server, -905, (m) => m.length >= 1);
    await new Promise((r) => setTimeout(r, 800));
    const messages = botMessages(server, -905);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toMatch(/idoneit/i);
  });

  it('survives malformed updates and keeps answering', async () => {
    for (const bad of ['{not json', JSON.stringify({ update_id: 'x' }), JSON.stringify({ update_id: updateId++, message: { chat: null } }), JSON.stringify({ update_id: updateId++, message: { message_id: 1, date: 0, chat: { id: 906, type: 'private' }, text: 12345 } })]) {
      const res = await post(bad);
      expect(res.status).toBeLessThan(600);
    }
    await post(message(906, "Come si chiede il codice fiscale all'Agenzia delle Entrate o in Questura?"));
    const messages = await waitForMessages(server, 906, (m) => m.some((x) => /codice fiscale/i.test(x.text)));
    expect(messages.at(-1)!.text).toMatch(/Agenzia delle Entrate|Questura/);
  });

  it('a voice note gets the non-text reply with a person button', async () => {
    await post(message(907, undefined as unknown as string, { voice: { file_id: 'v', file_unique_id: 'u', duration: 3 } }));
    const [reply] = await waitForMessages(server, 907, (m) => m.length >= 1);
    expect(buttons(reply).map((b) => b.data)).toContain('h');
  });

  it('never writes message text into the logs', async () => {
    const secret = 'Mi chiamo Zorba Testolini e vivo in via Segreta 99';
    await post(message(908, secret));
    await waitForMessages(server, 908, (m) => m.length >= 1);
    const log = readLog(bot);
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain('Zorba');
    expect(log).not.toContain('Segreta');
  });
});
