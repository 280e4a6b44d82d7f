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
import { createBusinessHours } from '../handoff/hours.ts';
import { createOutboxWorker, type OutboxWorker } from '../handoff/outbox-worker.ts';
import { createHandoffService, type HandoffService } from '../handoff/service.ts';
import { createHandoffStore } from '../handoff/store.ts';
import { SLACK_EVENTS_PATH, SLACK_OPERATORS_TARGET, createSlackChannel } from './slack/app.ts';
import { createTelegramBot } from './telegram/bot.ts';
import { createConversation } from '../engine/conversation.ts';
import { OPERATORS_TARGET, USER_TARGET, telegramOperatorsDeliverer, telegramUserDeliverer } from './telegram/handoff.ts';
import { startTelegram } from './telegram/run.ts';

const RETENTION_EVERY_MS = 6 * 60 * 60 * 1000;
const HANDOFF_TICK_MS = 30_000;

export interface RunningChannels {
  port?: number;
  handoff: HandoffService;
  outbox: OutboxWorker;
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

  http.route('GET', '/metrics', async (_req, res) => {
    res.writeHead(200, { 'content-type': runtime.metrics.registry.contentType }).end(await runtime.metrics.registry.metrics());
  });

  const purge = () => {
    const rows = storage.privacy.purgeBefore(Date.now() - config.retentionDays * 86_400_000);
    if (rows) log.info({ rows }, 'retention: old conversation data deleted');
  };
  purge();
  const retention = setInterval(purge, RETENTION_EVERY_MS);
  retention.unref();

  // Handoff: cases and the outbox live in the same database; deliverers come from the channels.
  const handoffStore = createHandoffStore(storage.db);
  const outbox = createOutboxWorker(handoffStore, log);
  const operatorTargets = [
    config.slack?.operatorsChannel ? SLACK_OPERATORS_TARGET : undefined,
    config.telegram?.operatorsChatId !== undefined ? OPERATORS_TARGET : undefined,
  ].filter((x): x is string => Boolean(x));
  if (operatorTargets.length === 0) log.warn('no operators channel configured (SLACK_OPERATORS_CHANNEL or TELEGRAM_OPERATORS_CHAT_ID): handoffs will queue with nobody notified');
  const handoff = createHandoffService({
    store: handoffStore, translate: runtime.translate, log, operatorTargets, operatorIds: config.operatorIds,
    hours: createBusinessHours(config.handoff.hours, config.handoff.holidays, config.handoff.timeZone),
    reminderMs: config.handoff.reminderMs, expiryMs: config.handoff.expiryMs, onEnqueue: () => outbox.kick(),
  });
  runtime.metrics.openCases.reset();
  const countCases = () => {
    runtime.metrics.openCases.reset();
    for (const c of handoffStore.listActive()) runtime.metrics.openCases.inc({ priority: String(c.priority) });
  };
  const tick = setInterval(() => {
    countCases();
    try {
      handoff.tick();
    } catch (err) {
      log.error({ err: (err as Error).name }, 'handoff tick failed');
    }
  }, Math.min(HANDOFF_TICK_MS, config.handoff.reminderMs / 2));
  tick.unref();

  // One conversation for every channel: the same follow-ups, failures and promises everywhere.
  const conversation = createConversation({
    engine: runtime.engine, sessions: storage.sessions, messages: storage.messages, feedback: storage.feedback,
    translate: runtime.translate, desk: handoff, operatorsAvailable: operatorTargets.length > 0,
  });
  const stops: (() => Promise<void>)[] = [];
  if (config.telegram) {
    const telegram = createTelegramBot({
      token: config.telegram.token, apiRoot: config.telegram.apiRoot, engine: runtime.engine, translate: runtime.translate,
      storage, pseudonymise, log, defaultLanguage: config.defaultLanguage, retentionDays: config.retentionDays,
      mergeWindowMs: config.telegram.mergeWindowMs,
      handoff: { service: handoff, store: handoffStore, operatorsChatId: config.telegram.operatorsChatId },
      conversation, operatorsAvailable: operatorTargets.length > 0,
      metrics: runtime.metrics,
      streaming: Boolean(config.openai),
    });
    stops.push(await startTelegram(telegram, { webhookUrl: config.telegram.webhookUrl, webhookSecret: config.telegram.webhookSecret, http, log }));
    outbox.register(USER_TARGET, telegramUserDeliverer(telegram.bot, handoffStore, runtime.translate, runtime.translator));
    if (config.telegram.operatorsChatId !== undefined) {
      outbox.register(OPERATORS_TARGET, telegramOperatorsDeliverer(telegram.bot, config.telegram.operatorsChatId, handoffStore, runtime.translate, runtime.translator));
    }
  }
  if (config.slack) {
    const slack = await createSlackChannel({
      ...config.slack, engine: runtime.engine, translate: runtime.translate, storage, pseudonymise, log,
      handoff: { service: handoff, store: handoffStore }, translator: runtime.translator, conversation,
    });
    if (slack.requestListener) http.route('POST', SLACK_EVENTS_PATH, slack.requestListener);
    await slack.start();
    stops.push(() => slack.stop());
    if (config.slack.operatorsChannel) outbox.register(SLACK_OPERATORS_TARGET, slack.deliverer);
    log.info({ mode: config.slack.appToken ? 'socket' : 'http' }, 'slack channel started');
  }
  outbox.start();
  const port = await http.listen(config.port, config.host);
  ready = true;
  log.info({ port }, 'http server listening (healthz, readyz)');
  return {
    port,
    handoff,
    outbox,
    async stop() {
      ready = false;
      clearInterval(retention);
      clearInterval(tick);
      await outbox.stop();
      for (const stop of stops) await stop().catch((err: unknown) => log.error({ err: (err as Error).message }, 'channel stop failed'));
      await http.close();
      storage.close();
    },
  };
}
