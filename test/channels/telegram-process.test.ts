/** `TELEGRAM_BOT_TOKEN=… npm start` as a volunteer runs it: a real process, stopped with SIGTERM. */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { BIN, KNOWLEDGE, ROOT, cleanEnv, tempDir } from '../helpers/cli.ts';
import { TOKEN, startEmulator, waitForMessages } from '../helpers/telegram.ts';

let server: TelegramServer;
beforeAll(async () => {
  server = await startEmulator();
});
afterAll(async () => {
  await server?.stop();
});

it('starts the Telegram channel, answers, and shuts down cleanly on SIGTERM', async () => {
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: ROOT,
    env: cleanEnv({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: KNOWLEDGE, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  for (let i = 0; i < 1200 && !stdout.includes('Discorsi is running'); i++) await new Promise((r) => setTimeout(r, 50));
  expect(stdout).toMatch(/Discorsi is running \(Telegram/);

  const client = server.getClient(TOKEN, { userId: 4242, chatId: 4242 });
  await client.sendCommand(client.makeCommand('/start', { from: { id: 4242, first_name: 'A', username: 'a', is_bot: false, language_code: 'es' } } as never));
  const [greeting] = await waitForMessages(server, 4242, (m) => m.length >= 2);
  expect(greeting!.text).toMatch(/Hola/);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stderr).not.toMatch(/\n\s+at /);
}, 120_000);
