/**
 * The full handoff loop through the Telegram operators' group, against telegram-test-api:
 * a person asks for a human → card in the group → an allow-listed operator claims → replies →
 * the person gets it → answers → it appears in the group → close → rating request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { TOKEN, botMessages, buttons, startBot, startEmulator, waitForMessages, type BotHarness } from '../helpers/telegram.ts';

const GROUP = -100500;
const OPERATOR = 777;
const COLLEAGUE = 778;
const STRANGER = 999;
let server: TelegramServer;
let bot: BotHarness;

beforeAll(async () => {
  server = await startEmulator();
  bot = await startBot(server, {
    TELEGRAM_OPERATORS_CHAT_ID: String(GROUP),
    OPERATOR_IDS: `telegram:${OPERATOR},telegram:${COLLEAGUE},slack:U1`,
    OPERATOR_HOURS: 'sun-sat 00:00-24:00',
  });
}, 120_000);
afterAll(async () => {
  await bot?.stop();
  await server?.stop();
});

function person(id: number, language_code = 'ar') {
  const c = server.getClient(TOKEN, { userId: id, chatId: id });
  const from = { id, first_name: 'Amina', username: `amina${id}`, is_bot: false, language_code };
  return {
    id,
    command: (text: string) => c.sendCommand(c.makeCommand(text, { from } as never)),
    say: (text: string) => c.sendMessage(c.makeMessage(text, { from } as never)),
    tap: (data: string) => c.sendCallback(c.makeCallbackQuery(data, { from } as never)),
  };
}

function operator(id: number, name: string) {
  const c = server.getClient(TOKEN, { userId: id, chatId: GROUP, type: 'group' });
  const from = { id, first_name: name, username: `op${id}`, is_bot: false };
  const chat = { id: GROUP, type: 'group', title: 'Operatori' };
  return {
    tap: (data: string) => c.sendCallback(c.makeCallbackQuery(data, { from, message: { chat, from } } as never)),
    reply: (messageId: number, text: string) => c.sendMessage(c.makeMessage(text, { from, chat, reply_to_message: { message_id: messageId, chat, date: 0 } } as never)),
  };
}

/** The bot's messages in the operators' group, with their ids. */
function groupMessages() {
  return server.storage.botMessages
    .filter((u) => String((u.message as { chat_id: unknown }).chat_id) === String(GROUP))
    .map((u) => ({ id: u.messageId, text: (u.message as { text: string }).text, buttons: buttons(u.message as never) }));
}

async function waitGroup(predicate: (m: ReturnType<typeof groupMessages>) => boolean) {
  for (let i = 0; i < 400; i++) {
    const m = groupMessages();
    if (predicate(m)) return m;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`group has: ${JSON.stringify(groupMessages().map((m) => m.text.slice(0, 60)))}`);
}

describe('handoff through the Telegram operators group', () => {
  it('runs the whole loop, relays only the owner, keeps notes internal, and asks for a rating', async () => {
    const user = person(3001, 'ar');
    await user.say('أريد أن أتكلم مع شخص من فضلك');
    const told = await waitForMessages(server, user.id, (m) => m.some((x) => /1/.test(x.text) && /[\u0600-\u06ff]/.test(x.text)) && m.length >= 2);
    expect(told.at(-1)!.text).toMatch(/[\u0600-\u06ff]/); // told in Arabic

    const [card] = await waitGroup((m) => m.length >= 1);
    expect(card!.text).toMatch(/Nuovo caso/);
    expect(card!.text).toMatch(/العربية|\(ar\)/);
    expect(card!.text).not.toMatch(/amina3001/); // never the username
    const claim = card!.buttons.find((b) => b.data.startsWith('c:'))!;
    expect(claim).toBeDefined();
    const caseId = claim.data.slice(2);

    // Not on the allow-list: refused, nothing changes.
    await operator(STRANGER, 'Mallory').tap(`c:${caseId}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.channels.handoff.listActive().find((c) => c.id === caseId)?.state).toBe('open');

    await operator(OPERATOR, 'Giulia Rossi').tap(`c:${caseId}`);
    const joined = await waitForMessages(server, user.id, (m) => m.some((x) => x.text.includes('Giulia')));
    expect(joined.find((x) => x.text.includes('Giulia'))!.text).not.toContain('Rossi'); // first name only

    await operator(OPERATOR, 'Giulia Rossi').reply(card!.id, 'Ciao, sono Giulia. Come posso aiutarti?');
    const relayed = await waitForMessages(server, user.id, (m) => m.some((x) => x.text.includes('Come posso aiutarti')));
    expect(relayed.find((x) => x.text.includes('Come posso aiutarti'))!.text).toMatch(/👤/);

    await operator(OPERATOR, 'Giulia Rossi').reply(card!.id, 'note: sembra un caso di sfratto');
    await operator(COLLEAGUE, 'Marco').reply(card!.id, 'Messaggio del collega che non deve arrivare');
    const before = botMessages(server, user.id).length;

    await user.say('Grazie, il padrone di casa vuole cacciarmi');
    await waitGroup((m) => m.some((x) => x.text.includes('vuole cacciarmi')));
    await new Promise((r) => setTimeout(r, 500));
    const after = botMessages(server, user.id);
    expect(after.slice(before).map((m) => m.text).join('\n')).not.toMatch(/sfratto|collega|Sources|Fonti|مصادر/); // no note, no colleague, no bot answer

    await operator(OPERATOR, 'Giulia Rossi').tap(`x:${caseId}`);
    const closing = await waitForMessages(server, user.id, (m) => m.some((x) => buttons(x).some((b) => b.data === 'r:5')));
    expect(buttons(closing.at(-1)).map((b) => b.data)).toEqual(['r:1', 'r:2', 'r:3', 'r:4', 'r:5']);
    expect(bot.channels.handoff.listActive().find((c) => c.id === caseId)).toBeUndefined();
  });

  it('two claims at once: exactly one operator gets the case, the other is told who has it', async () => {
    const user = person(3002, 'it');
    const cardsBefore = groupMessages().filter((x) => x.text.startsWith('Nuovo caso')).length;
    await user.command('/operator');
    await waitGroup((m) => m.filter((x) => x.text.startsWith('Nuovo caso')).length > cardsBefore);
    const card = groupMessages().filter((x) => x.text.startsWith('Nuovo caso')).at(-1)!;
    const caseId = card.buttons.find((b) => b.data.startsWith('c:'))!.data.slice(2);
    const results = [bot.channels.handoff.claim(caseId, `telegram:${OPERATOR}`, 'Giulia'), bot.channels.handoff.claim(caseId, `telegram:${COLLEAGUE}`, 'Marco')];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)!.message).toContain('Giulia');
  });

  it('an emergency opens a priority case with the emergency number in the reply', async () => {
    const user = person(3003, 'it');
    await user.say('Mio figlio non respira e ha le labbra blu');
    const messages = await waitForMessages(server, user.id, (m) => m.length >= 2);
    expect(messages[0]!.text).toContain('112');
    const cards = await waitGroup((m) => m.some((x) => x.text.includes('emergenza')));
    expect(cards.find((x) => x.text.includes('emergenza'))!.text).toMatch(/🔴/);
  });
});
