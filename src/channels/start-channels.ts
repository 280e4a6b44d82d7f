/**
 * Starts every configured channel over one runtime, the HTTP server (health, readiness, webhook)
 * and the retention job; stops them all gracefully on SIGINT/SIGTERM.
 */
import path from 'node:path';
import type { Logger } from '../core/logger.ts';
import { createPseudonymiser, loadOrCreateKey } from '../core/pseudonym.ts';
import type { Runtime } from '../main.ts';
import { createHttpServer, sendJson } from '../server/http.ts';
import { createSqliteStorage } from '../storage/sqlite.ts';
import { createTelegramBot } from './telegram/bot.ts';
import { startTelegram } from './telegram/run.ts';

const RETENTION_EVERY_MS = 6 * 60 * 60 * 1000;

export interface RunningChannels {
  port?: number;
  stop(): Promise<void>;
}

export async function startChannels(runtime: Runtime, log: Logger): Promise<RunningChannels> {
  const { config } = runtime;
  const storage = createSqliteStorage(path.join(config.dataDir, 'discorsi.db'));
  const pseudonymise = createPseudonymiser(loadOrCreateKey(config.dataDir));
  const http = createHttpServer(log);
  let ready = false;
  http.route('GET', '/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  http.route('GET', '/readyz', (_req, res) => {
    let writable = false;
    try {
      storage.sessions.get('readiness-probe');
      writable = true;
    } catch {
      writable = false;
    }
    const ok = ready && writable && runtime.index.chunks.length > 0;
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', index: runtime.index.chunks.length > 0, database: writable });
  });

  const purge = () => {
    const rows = storage.privacy.purgeBefore(Date.now() - config.retentionDays * 86_400_000);
    if (rows) log.info({ rows }, 'retention: old conversation data deleted');
  };
  purge();
  const retention = setInterval(purge, RETENTION_EVERY_MS);
  retention.unref();

  const stops: (() => Promise<void>)[] = [];
  if (config.telegram) {
    const telegram = createTelegramBot({
      token: config.telegram.token, apiRoot: config.telegram.apiRoot, engine: runtime.engine, translate: runtime.translate,
      storage, pseudonymise, log, defaultLanguage: config.defaultLanguage, retentionDays: config.retentionDays,
      mergeWindowMs: config.telegram.mergeWindowMs,
    });
    stops.push(await startTelegram(telegram, { webhookUrl: config.telegram.webhookUrl, webhookSecret: config.telegram.webhookSecret, http, log }));
  }
  const port = await http.listen(config.port, config.host);
  ready = true;
  log.info({ port }, 'http server listening (healthz, readyz)');
  return {
    port,
    async stop() {
      ready = false;
      clearInterval(retention);
      for (const stop of stops) await stop().catch((err: unknown) => log.error({ err: (err as Error).message }, 'channel stop failed'));
      await http.close();
      storage.close();
    },
  };
}
