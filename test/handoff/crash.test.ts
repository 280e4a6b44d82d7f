/**
 * Crash safety: the bot process is killed (SIGKILL) while an operator's message waits in the
 * outbox; after a restart the message is delivered exactly once and the case is intact.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { BIN, KNOWLEDGE, ROOT, cleanEnv, tempDir } from '../helpers/cli.ts';
import { TOKEN, botMessages, freePort, waitForMessages } from '../helpers/telegram.ts';
import { blockAction, eventCallback, sendToApp, startFakeSlack } from '../fakes/slack-api.ts';

const SECRET = 'crash-secret';
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

async function startProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: cleanEnv(env) });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', () => undefined);
  for (let i = 0; i < 1200 && !out.includes('Discorsi is running'); i++) await new Promise((r) => setTimeout(r, 50));
  if (!out.includes('Discorsi is running')) throw new Error(`did not start: ${out}`);
  return child;
}

it('delivers a queued operator message exactly once after SIGKILL and restart', async () => {
  const tgPort = await freePort();
  let telegram = new TelegramServer({ port: tgPort, host: '127.0.0.1', storeTimeout: 600 });
  await telegram.start();
  const slack = await startFakeSlack();
  const httpPort = await freePort();
  const dataDir = tempDir();
  const env = {
    DATA_DIR: dataDir, KNOWLEDGE_DIR: KNOWLEDGE, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.config.apiURL,
    SLACK_BOT_TOKEN: 'xoxb-crash', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.url, SLACK_OPERATORS_CHANNEL: 'COPS',
    OPERATOR_IDS: 'slack:UOP1', PORT: String(httpPort), HOST: '127.0.0.1', TELEGRAM_MERGE_WINDOW_MS: '0', LOG_LEVEL: 'warn',
  };
  const events = `http://127.0.0.1:${httpPort}/slack/events`;
  const first = await startProcess(env);

  const user = 7001;
  const client = telegram.getClient(TOKEN, { userId: user, chatId: user });
  await client.sendCommand(client.makeCommand('/operator', { from: { id: user, first_name: 'A', username: 'a', is_bot: false, language_code: 'it' } } as never));
  let card: Record<string, unknown> | undefined;
  for (let i = 0; i < 400 && !card; i++) {
    card = slack.posted('COPS').find((c) => Array.isArray(c.body.blocks))?.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  const caseId = JSON.stringify(card!.blocks).match(/"value":"([^"]+)"/)![1]!;
  await sendToApp(events, SECRET, blockAction('UOP1', 'case_claim', caseId, 'COPS'), 'application/x-www-form-urlencoded');
  await waitForMessages(telegram, user, (m) => m.some((x) => x.text.includes('Giulia')));
  // The card's ts (its thread) appears in the update that marks the case as claimed.
  let threadTs: string | undefined;
  for (let i = 0; i < 400 && !threadTs; i++) {
    threadTs = slack.calls.find((c) => c.method === 'chat.update')?.body.ts as string | undefined;
    await new Promise((r) => setTimeout(r, 50));
  }

  // Telegram becomes unreachable: the operator's message stays in the outbox.
  await telegram.stop();
  const res = await sendToApp(events, SECRET, eventCallback({ type: 'message', user: 'UOP1', text: 'Ti richiamo domani mattina', ts: '1990000000.1', thread_ts: threadTs, channel: 'COPS', channel_type: 'channel' }), 'application/json');
  expect(res.status).toBe(200);
  const db = new Database(path.join(dataDir, 'discorsi.db'), { readonly: true });
  for (let i = 0; i < 200; i++) {
    if ((db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending' AND payload LIKE '%richiamo%'").get() as { n: number }).n > 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect((db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending' AND payload LIKE '%richiamo%'").get() as { n: number }).n).toBe(1);
  db.close();

  first.kill('SIGKILL');
  await new Promise((r) => first.on('close', r));

  telegram = new TelegramServer({ port: tgPort, host: '127.0.0.1', storeTimeout: 600 });
  await telegram.start();
  const second = await startProcess(env);
  const got = await waitForMessages(telegram, user, (m) => m.some((x) => x.text.includes('Ti richiamo')), 40_000);
  await new Promise((r) => setTimeout(r, 1500));
  expect(botMessages(telegram, user).filter((m) => m.text.includes('Ti richiamo'))).toHaveLength(1);
  expect(got.length).toBeGreaterThan(0);

  const check = new Database(path.join(dataDir, 'discorsi.db'), { readonly: true });
  expect(check.prepare('SELECT state, owner FROM cases WHERE id = ?').get(caseId)).toEqual({ state: 'claimed', owner: 'slack:UOP1' });
  check.close();
  second.kill('SIGTERM');
  await new Promise((r) => second.on('close', r));
  await telegram.stop();
  await slack.close();
}, 180_000);
