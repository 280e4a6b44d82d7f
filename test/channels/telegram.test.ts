/**
 * The Telegram channel end to end: the real bot against telegram-test-api on 127.0.0.1.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { TOKEN, buttons, startBot, startEmulator, waitForMessages, type BotHarness } from '../helpers/telegram.ts';
import { tempDir } from '../helpers/cli.ts';

let server: TelegramServer;
let bot: BotHarness;
let dataDir: string;

beforeAll(async () => {
  server = await startEmulator();
  dataDir = tempDir();
  bot = await startBot(server, {}, dataDir);
}, 120_000);

afterAll(async () => {
  await bot?.stop();
  await server?.stop();
});

let nextUser = 1000;
function client(language_code?: string) {
  const id = nextUser++;
  const c = server.getClient(TOKEN, { userId: id, chatId: id, firstName: 'Test', userName: `user${id}` });
  const from = { id, first_name: 'Test', username: `user${id}`, is_bot: false, language_code };
  return {
    id,
    command: (text: string) => c.sendCommand(c.makeCommand(text, { from } as never)),
    say: (text: string, extra: Record<string, unknown> = {}) => c.sendMessage(c.makeMessage(text, { from, ...extra } as never)),
    tap: (data: string) => c.sendCallback(c.makeCallbackQuery(data, { from } as never)),
  };
}

describe('Telegram channel', () => {
  it.each([
    ['ar', /مرحب|أهلا/, /\/forget/],
    ['ro', /Bun|Salut/i, /\/forget/],
  ])('/start greets in %s with a privacy notice and a topic menu', async (lang, greeting, forget) => {
    const user = client(lang);
    await user.command('/start');
    const messages = await waitForMessages(server, user.id, (m) => m.length >= 2);
    expect(messages[0]!.text).toMatch(greeting);
    expect(messages[0]!.text).toMatch(forget);
    expect(messages[0]!.parse_mode).toBe('HTML');
    expect(buttons(messages[1]).map((b) => b.data)).toEqual(expect.arrayContaining(['t:housing', 't:health', 't:work', 't:documents', 'h']));
  });

  it('answers a free-text health question with a source, feedback buttons and a person button', async () => {
    const user = client('it');
    await user.say('Dove si chiede il certificato di idoneità alloggiativa a Torino?');
    const [reply] = await waitForMessages(server, user.id, (m) => m.length >= 1);
    expect(reply!.text).toMatch(/idoneit/i);
    expect(reply!.text).toMatch(/<a href="https?:\/\/[^"]+">/);
    expect(reply!.text).toMatch(/\d{4}-\d{2}-\d{2}/);
    const data = buttons(reply).map((b) => b.data);
    expect(data.some((d) => d.startsWith('fb:1:housing/'))).toBe(true);
    expect(data).toContain('h');
  });

  it('a tap on the topic menu lists questions, and a tap on a question answers it', async () => {
    const user = client('en');
    await user.tap('t:health');
    const [list] = await waitForMessages(server, user.id, (m) => m.length >= 1);
    const stp = buttons(list).find((b) => b.data === 'i:health/stp-code');
    expect(stp?.text).toMatch(/STP/);
    await user.tap('i:health/stp-code');
    const messages = await waitForMessages(server, user.id, (m) => m.length >= 2);
    expect(messages[1]!.text).toMatch(/STP/);
  });

  it('"did you mean…?" shows the options as buttons in the person\'s language; a tap answers that item', async () => {
    const user = client('it');
    await user.say('permesso');
    const [reply] = await waitForMessages(server, user.id, (m) => m.length >= 1);
    const options = buttons(reply).filter((b) => b.data.startsWith('i:'));
    expect(reply!.text).toMatch(/Intendi una di queste/);
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(3);
    expect(buttons(reply).map((b) => b.data)).toContain('h');
    await user.tap(options[0]!.data);
    const messages = await waitForMessages(server, user.id, (m) => m.length >= 2);
    expect(messages[1]!.text).toContain(options[0]!.text.slice(0, 20).replace(/&/g, '&amp;'));
    expect(buttons(messages[1]).some((b) => b.data === `fb:1:${options[0]!.data.slice(2)}`)).toBe(true);
  });

  it('an answer fits a phone screen; "More" sends the rest of the card', async () => {
    const user = client('it');
    await user.say("Come si fa la registrazione del contratto d'affitto all'Agenzia delle Entrate?");
    const [answer] = await waitForMessages(server, user.id, (m) => m.length >= 1);
    const more = buttons(answer).find((b) => b.data.startsWith('m:'));
    expect(more).toBeDefined();
    await user.tap(more!.data);
    const messages = await waitForMessages(server, user.id, (m) => m.length >= 2);
    expect(messages[1]!.text.length).toBeGreaterThan(50);
    expect(messages[1]!.text).not.toBe(answer!.text);
  });

  it('with no operators channel, asking for a person is answered honestly, with the numbers that can help', async () => {
    const user = client('en');
    await user.command('/operator');
    const [reply] = await waitForMessages(server, user.id, (m) => m.length >= 1);
    expect(reply!.text).toMatch(/no operator is connected/i);
    expect(reply!.text).toContain('112');
    expect(reply!.text).not.toMatch(/will write to you here/);
  });

  it('records 👍 feedback in the database', async () => {
    const user = client('it');
    await user.tap('fb:1:health/stp-code');
    const db = new Database(path.join(dataDir, 'discorsi.db'), { readonly: true });
    try {
      for (let i = 0; i < 200; i++) {
        const row = db.prepare("SELECT value, item_id FROM feedback WHERE item_id = 'health/stp-code'").get() as { value: number } | undefined;
        if (row) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(db.prepare("SELECT value FROM feedback WHERE item_id = 'health/stp-code'").get()).toEqual({ value: 1 });
    } finally {
      db.close();
    }
  });

  it('a photo gets the non-text reply in the user language, with a person button', async () => {
    const user = client('fr');
    await user.say('', { photo: [{ file_id: 'x', file_unique_id: 'y', width: 10, height: 10 }] });
    const [reply] = await waitForMessages(server, user.id, (m) => m.length >= 1);
    expect(reply!.text).toMatch(/texte|écri/i);
    expect(buttons(reply).map((b) => b.data)).toContain('h');
  });

  it('answers 30 messages from 10 users in parallel, in order for each chat', async () => {
    const users = Array.from({ length: 10 }, () => client('it'));
    const questions = ['Dove si chiede il certificato di idoneità alloggiativa a Torino?', "Come si fa la registrazione del contratto d'affitto all'Agenzia delle Entrate?", "Cos'è la residenza fittizia via Lia Varesio a Torino?"];
    await Promise.all(users.map(async (u) => {
      for (const q of questions) await u.say(q);
    }));
    for (const u of users) {
      const messages = await waitForMessages(server, u.id, (m) => m.length >= 3, 60_000);
      expect(messages).toHaveLength(3);
      expect(messages[0]!.text).toMatch(/idoneit/i);
      expect(messages[1]!.text).toMatch(/registr/i);
      expect(messages[2]!.text).toMatch(/Varesio/);
    }
  });

  it('/forget asks for confirmation, then erases the user from the database', async () => {
    const user = client('it');
    await user.say('Dove si chiede il certificato di idoneità alloggiativa a Torino?');
    await waitForMessages(server, user.id, (m) => m.length >= 1);
    const db = new Database(path.join(dataDir, 'discorsi.db'), { readonly: true });
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
    const sessions = () => (db.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
    const before = { messages: count(), sessions: sessions() };
    await user.command('/forget');
    const [, confirm] = await waitForMessages(server, user.id, (m) => m.length >= 2);
    expect(buttons(confirm).map((b) => b.data)).toEqual(['f:y', 'f:n']);
    await user.tap('f:y');
    await waitForMessages(server, user.id, (m) => m.length >= 3);
    expect(count()).toBe(before.messages - 2);
    expect(sessions()).toBe(before.sessions - 1);
    db.close();
  });
});

describe('Telegram channel state across restarts', () => {
  it('remembers the language chosen with /language after the bot restarts', async () => {
    const user = client('it');
    await user.command('/language');
    await waitForMessages(server, user.id, (m) => m.length >= 1);
    await user.tap('l:uk');
    await waitForMessages(server, user.id, (m) => m.length >= 2);
    await bot.stop();
    bot = await startBot(server, {}, dataDir);
    await user.command('/help');
    const messages = await waitForMessages(server, user.id, (m) => m.length >= 3);
    expect(messages[2]!.text).toMatch(/[А-Яа-яІіЇїЄє]/);
  });
});
