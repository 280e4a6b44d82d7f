// Long fuzz run of the Telegram adapter: `npx tsx scripts/fuzz.ts [N]` (default 100000).
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import type { Update } from 'grammy/types';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/core/logger.ts';
import { createRuntime } from '../src/main.ts';
import { createOfflineTelegram } from '../src/channels/telegram/offline.ts';
import { createSqliteStorage } from '../src/storage/sqlite.ts';
import { telegramUpdates } from '../src/bench/fuzz.ts';

const n = Number(process.argv[2] ?? 100_000);
let rejections = 0;
process.on('unhandledRejection', () => rejections++);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'discorsi-fuzz-'));
const runtime = await createRuntime(loadConfig({ DATA_DIR: dir }), { log: createLogger('silent') });
const offline = createOfflineTelegram(runtime, createSqliteStorage(path.join(dir, 'fuzz.db')), createLogger('silent'), { record: false });
const updates = telegramUpdates(n, Number(process.env.SEED ?? 11)) as Update[];
let thrown = 0;
let done = 0;
const started = performance.now();
const rss0 = process.memoryUsage().rss;
let next = 0;
await Promise.all(Array.from({ length: 50 }, async () => {
  while (next < updates.length) {
    const u = updates[next++]!;
    await offline.feed(u).catch(() => thrown++);
    if (++done % 10_000 === 0) console.log(`${done} updates, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  }
}));
console.log(`${done} updates in ${((performance.now() - started) / 1000).toFixed(1)} s; rejected by grammY before our middleware: ${thrown}; unhandled rejections: ${rejections}; rss ${(rss0 / 1e6).toFixed(0)} → ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
process.exit(rejections === 0 ? 0 : 1);
