/**
 * Slack end to end: the real Bolt app receives signed HTTP requests on /slack/events and talks to
 * a local fake Slack Web API; the full handoff loop runs between Telegram (telegram-test-api) and
 * Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { blockAction, eventCallback, sendToApp, slashCommand, startFakeSlack, type FakeSlack } from '../fakes/slack-api.ts';
import { TOKEN, buttons, freePort, readLog, startBot, startEmulator, waitForMessages, type BotHarness } from '../helpers/telegram.ts';

const SECRET = 'slack-signing-secret';
const OPS = 'COPS';
let slack: FakeSlack;
let telegram: TelegramServer;
let bot: BotHarness;
let events: string;

async function until<T>(fn: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; calls: ${JSON.stringify(slack.calls.map((c) => c.method))}`);
}

beforeAll(async () => {
  slack = await startFakeSlack();
  telegram = await startEmulator();
  const port = await freePort();
  events = `http://127.0.0.1:${port}/slack/events`;
  bot = await startBot(telegram, {
    SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.url, SLACK_OPERATORS_CHANNEL: OPS,
    OPERATOR_IDS: 'slack:UOP1,slack:UOP2', OPERATOR_HOURS: 'sun-sat 00:00-24:00', PORT: String(port),
  });
}, 120_000);
afterAll(async () => {
  await bot?.stop();
  await telegram?.stop();
  await slack?.close();
});

const form = 'application/x-www-form-urlencoded';
const json = 'application/json';

describe('Slack for association leaders', () => {
  it('/ask answers from the whole knowledge base, in a thread, with citations', async () => {
    const res = await sendToApp(events, SECRET, slashCommand({ command: '/ask', text: 'Quanti metri quadrati servono per il certificato di idoneità alloggiativa a Torino?' }), form);
    expect(res.status).toBe(200);
    const answer = await until(() => slack.posted('CLEAD').find((c) => c.body.thread_ts), 'thread answer');
    expect(String(answer.body.text)).toMatch(/idoneit/i);
    expect(String(answer.body.text)).toMatch(/<https?:\/\/[^|>]+\|[^>]+>/);
  });

  it('rejects forged and stale signatures with 401, and does nothing', async () => {
    const before = slack.calls.length;
    const body = slashCommand({ command: '/ask', text: 'casa' });
    expect((await sendToApp(events, SECRET, body, form, { signature: 'v0=deadbeef' })).status).toBe(401);
    expect((await sendToApp(events, SECRET, body, form, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.calls.length).toBe(before);
  });

  it('answers a mention in a thread, and a follow-up in that thread keeps the context', async () => {
    await sendToApp(events, SECRET, eventCallback({ type: 'app_mention', user: 'ULEAD', text: '<@UBOT> Dove si chiede il certificato di idoneità alloggiativa?', ts: '1800000000.000200', channel: 'CLEAD2' }), json);
    const first = await until(() => slack.posted('CLEAD2').find((c) => c.body.thread_ts === '1800000000.000200'), 'mention answer');
    expect(String(first.body.text)).toMatch(/idoneit/i);
    // The follow-up is read with the question before it, in the same thread.
    const inThread = () => slack.posted('CLEAD2').filter((c) => c.body.thread_ts === '1800000000.000200');
    const before = inThread().length;
    await sendToApp(events, SECRET, eventCallback({ type: 'message', user: 'ULEAD', text: 'e quanto dura?', ts: '1800000000.000300', thread_ts: '1800000000.000200', channel: 'CLEAD2', channel_type: 'channel' }), json);
    const second = await until(() => inThread()[before], 'follow-up answer');
    expect(String(second.body.text)).toMatch(/idoneit/i);
  });

  it('"did you mean…?" comes with buttons; a tap answers that item in the thread', async () => {
    await sendToApp(events, SECRET, eventCallback({ type: 'app_mention', user: 'ULEAD', text: '<@UBOT> permesso', ts: '1800000000.000400', channel: 'CLEAD3' }), json);
    const ask = await until(() => slack.posted('CLEAD3').find((c) => c.body.thread_ts === '1800000000.000400'), 'clarify');
    const blocks = ask.body.blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[];
    const choices = blocks.find((b) => b.type === 'actions')!.elements!;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(3);
    const [threadTs, itemId] = choices[0]!.value.split('|');
    expect(threadTs).toBe('1800000000.000400');
    await sendToApp(events, SECRET, blockAction('ULEAD', choices[0]!.action_id, choices[0]!.value, 'CLEAD3'), form);
    const answer = await until(() => slack.posted('CLEAD3').filter((c) => c.body.thread_ts === '1800000000.000400')[1], 'answer to the tap');
    expect(String(answer.body.text)).toContain(choices[0]!.text.text.slice(0, 20));
    expect(String(answer.body.text)).toMatch(/<https?:\/\/[^|>]+\|[^>]+>/);
    expect(itemId).toMatch(/\//);
  });

  it('/sources lists the documents of a topic with their verified dates', async () => {
    const res = await sendToApp(events, SECRET, slashCommand({ command: '/sources', text: 'housing' }), form);
    const body = (await res.json()) as { text: string };
    expect(body.text).toMatch(/documenti \(housing\)/);
    expect(body.text).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(body.text).toMatch(/Vademecum|vademecum/);
  });
});

describe('handoff between Telegram and Slack', () => {
  it('runs the full loop: request → card → claim → reply → answer → close → rating', async () => {
    const user = { id: 5101, from: { id: 5101, first_name: 'Ion', username: 'ion5101', is_bot: false, language_code: 'ro' } };
    const client = telegram.getClient(TOKEN, { userId: user.id, chatId: user.id });
    await client.sendCommand(client.makeCommand('/operator', { from: user.from } as never));
    const card = await until(() => slack.posted(OPS).find((c) => Array.isArray(c.body.blocks)), 'case card');
    const blocks = card.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[];
    const caseId = blocks.find((b) => b.type === 'actions')!.elements!.find((e) => e.action_id === 'case_claim')!.value;
    expect(JSON.stringify(card.body.blocks)).toMatch(/Română|\(ro\)/);
    expect(JSON.stringify(card.body.blocks)).not.toMatch(/ion5101/);
    const cardTs = await until(() => bot.channels.handoff.listActive().find((c) => c.id === caseId) && (bot.runtime as unknown, slack.calls.find((c) => c.method === 'chat.postMessage' && c.body.channel === OPS) ? '1' : undefined), 'ts');
    expect(cardTs).toBe('1');

    // A stranger cannot claim.
    await sendToApp(events, SECRET, blockAction('UBAD', 'case_claim', caseId, OPS), form);
    await until(() => slack.calls.find((c) => c.method === 'chat.postEphemeral' && c.body.user === 'UBAD'), 'refusal');
    expect(bot.channels.handoff.listActive().find((c) => c.id === caseId)!.state).toBe('open');

    await sendToApp(events, SECRET, blockAction('UOP1', 'case_claim', caseId, OPS), form);
    await waitForMessages(telegram, user.id, (m) => m.some((x) => x.text.includes('Giulia')));
    const threadTs = await until(() => slack.calls.find((c) => c.method === 'chat.update')?.body.ts as string | undefined, 'card update');

    await sendToApp(events, SECRET, eventCallback({ type: 'message', user: 'UOP1', text: 'Bună, sunt Giulia. Cum te pot ajuta?', ts: '1900000000.1', thread_ts: threadTs, channel: OPS, channel_type: 'channel' }), json);
    await waitForMessages(telegram, user.id, (m) => m.some((x) => x.text.includes('Cum te pot ajuta')));
    await sendToApp(events, SECRET, eventCallback({ type: 'message', user: 'UOP2', text: 'messaggio del collega', ts: '1900000000.2', thread_ts: threadTs, channel: OPS, channel_type: 'channel' }), json);

    await client.sendMessage(client.makeMessage('Am primit o scrisoare de evacuare', { from: user.from } as never));
    await until(() => slack.posted(OPS).find((c) => c.body.thread_ts === threadTs && String(c.body.text).includes('scrisoare de evacuare')), 'user message in thread');

    await sendToApp(events, SECRET, blockAction('UOP1', 'case_close', caseId, OPS), form);
    const messages = await waitForMessages(telegram, user.id, (m) => m.some((x) => buttons(x).some((b) => b.data === 'r:3')));
    expect(messages.map((m) => m.text).join('\n')).not.toContain('collega');
    expect(bot.channels.handoff.listActive().find((c) => c.id === caseId)).toBeUndefined();
  });

  it('/cases lists open cases for operators only', async () => {
    const client = telegram.getClient(TOKEN, { userId: 5102, chatId: 5102 });
    await client.sendCommand(client.makeCommand('/operator', { from: { id: 5102, first_name: 'A', username: 'a', is_bot: false, language_code: 'it' } } as never));
    await until(() => bot.channels.handoff.listActive().length > 0 || undefined, 'a case');
    const ok = (await (await sendToApp(events, SECRET, slashCommand({ command: '/cases', text: '', user_id: 'UOP2' }), form)).json()) as { text: string };
    expect(ok.text).toMatch(/Casi aperti/);
    const refused = (await (await sendToApp(events, SECRET, slashCommand({ command: '/cases', text: '', user_id: 'ULEAD' }), form)).json()) as { text: string };
    expect(refused.text).toMatch(/OPERATOR_IDS/);
  });
});

describe('logs of the whole run', () => {
  it('never contain the texts people and operators wrote', () => {
    const log = readLog(bot);
    expect(log.length).toBeGreaterThan(0);
    for (const text of ['Quali documenti', 'idoneità alloggiativa', 'Bună, sunt Giulia', 'scrisoare de evacuare', 'messaggio del collega', 'ion5101', 'Ion']) {
      expect(log).not.toContain(text);
    }
  });
});
