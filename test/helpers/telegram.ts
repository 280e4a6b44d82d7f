/**
 * Telegram end-to-end harness: telegram-test-api (a Bot API emulator) on 127.0.0.1, and the real
 * Discorsi channels started over it exactly as `discorsi start` does.
 */
import net from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { loadConfig } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/core/logger.ts';
import { createRuntime, type Runtime } from '../../src/main.ts';
import { startChannels, type RunningChannels } from '../../src/channels/start-channels.ts';
import { KNOWLEDGE, tempDir } from './cli.ts';

export const TOKEN = '123456:TEST-token_for-discorsi';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startEmulator(): Promise<TelegramServer> {
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  return server;
}

export interface BotMessage {
  chat_id: number | string;
  text: string;
  parse_mode?: string;
  reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
}

/** Messages the bot sent to one chat, in order. */
export function botMessages(server: TelegramServer, chatId: number): BotMessage[] {
  return server.storage.botMessages
    .filter((u) => String((u.message as unknown as BotMessage).chat_id) === String(chatId))
    .map((u) => u.message as unknown as BotMessage);
}

/** Waits until `predicate` holds for the chat's messages (no timing assertion: it only bounds the wait). */
export async function waitForMessages(server: TelegramServer, chatId: number, predicate: (m: BotMessage[]) => boolean, timeoutMs = 20_000): Promise<BotMessage[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const messages = botMessages(server, chatId);
    if (predicate(messages)) return messages;
    if (Date.now() > until) throw new Error(`timed out; bot sent ${messages.length} message(s) to chat ${chatId}: ${JSON.stringify(messages.map((m) => m.text.slice(0, 80)))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function buttons(message: BotMessage | undefined): { text: string; data: string }[] {
  return (message?.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data ?? '' }));
}

export interface BotHarness {
  runtime: Runtime;
  channels: RunningChannels;
  dataDir: string;
  logFile: string;
  stop(): Promise<void>;
}

/** Builds the index once per data folder and starts the channels (what `discorsi start` does). */
export async function startBot(server: TelegramServer, env: Record<string, string> = {}, dataDir = tempDir()): Promise<BotHarness> {
  const logFile = path.join(dataDir, 'test.log');
  const config = loadConfig({
    DATA_DIR: dataDir, KNOWLEDGE_DIR: KNOWLEDGE, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL,
    PORT: '0', HOST: '127.0.0.1', TELEGRAM_MERGE_WINDOW_MS: '0', LOG_LEVEL: 'debug', ...env,
  });
  const log: Logger = createLogger(config.logLevel, logFile);
  const runtime = await createRuntime(config, { log });
  const channels = await startChannels(runtime, log);
  return { runtime, channels, dataDir, logFile, stop: () => channels.stop() };
}

export function readLog(h: BotHarness): string {
  return fs.existsSync(h.logFile) ? fs.readFileSync(h.logFile, 'utf8') : '';
}
