/**
 * The Slack channel on Bolt: association leaders ask with /ask and @mentions (answers from the
 * whole knowledge base, in a thread, follow-ups keep the context); /sources lists documents;
 * operators get case cards in SLACK_OPERATORS_CHANNEL, claim/close them with buttons and talk
 * with the person in the card's thread. HTTP mode (POST /slack/events, signed) or Socket Mode.
 */
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../core/logger.ts';
import type { Pseudonymise } from '../../core/pseudonym.ts';
import type { Engine } from '../../engine/engine.ts';
import type { Deliverer } from '../../handoff/outbox-worker.ts';
import type { HandoffService } from '../../handoff/service.ts';
import type { HandoffStore } from '../../handoff/store.ts';
import { caseHeadline, caseSummary } from '../../handoff/summary.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { Translator } from '../../llm/language-tasks.ts';
import type { RouteHandler } from '../../server/http.ts';
import type { Storage } from '../../storage/ports.ts';
import { ACTIONS, caseBlocks, clarifyBlocks, escapeMrkdwn, renderSlackText } from './render.ts';
import { createConversation, type Conversation } from '../../engine/conversation.ts';
import type { Reply } from '../../core/types.ts';

export const SLACK_OPERATORS_TARGET = 'slack:operators';
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackChannelOptions {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  operatorsChannel?: string;
  engine: Engine;
  translate: Translate;
  storage: Storage;
  pseudonymise: Pseudonymise;
  log: Logger;
  handoff?: { service: HandoffService; store: HandoffStore };
  /** With a model: operators read an Italian translation below each message of the person. */
  translator?: Translator;
  /** The conversation shared with the other channels (built from the options when absent). */
  conversation?: Conversation;
}

export interface SlackChannel {
  app: App;
  /** HTTP mode: the handler for POST /slack/events (signature checked by Bolt). */
  requestListener?: RouteHandler;
  deliverer: Deliverer;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Bolt's logger interface over pino, without message bodies. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const safe = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.name : typeof a === 'string' ? a.slice(0, 200) : typeof a)).join(' ');
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...args) => log.warn({ slack: safe(args) }, 'slack warning'),
    error: (...args) => log.error({ slack: safe(args) }, 'slack error'),
    setLevel: (l) => (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}

const threadKey = (channel: string, ts: string) => `slackthread:${channel}:${ts}`;

async function firstName(client: WebClient, userId: string): Promise<string> {
  try {
    const info = await client.users.info({ user: userId });
    const profile = info.user?.profile;
    return (profile?.first_name || profile?.real_name || info.user?.name || userId).split(/\s+/)[0]!;
  } catch {
    return userId;
  }
}

export async function createSlackChannel(options: SlackChannelOptions): Promise<SlackChannel> {
  const { engine, translate: t, storage, log } = options;
  const logger = boltLogger(log);
  const receiver = options.appToken
    ? new SocketModeReceiver({ appToken: options.appToken, logger })
    : new HTTPReceiver({ signingSecret: options.signingSecret!, endpoints: SLACK_EVENTS_PATH, logger, processBeforeResponse: false });
  const app = new App({
    token: options.botToken,
    receiver,
    logger,
    deferInitialization: true,
    clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : undefined,
  });

  const conversation = options.conversation ?? createConversation({
    engine, sessions: storage.sessions, messages: storage.messages, feedback: storage.feedback, translate: t,
    desk: options.handoff?.service, operatorsAvailable: Boolean(options.operatorsChannel),
  });

  /** Posts a reply in a thread: leaders read the whole card there (the rest after the gist), or the "did you mean…?" buttons. */
  async function postReply(client: WebClient, channel: string, threadTs: string, reply: Reply) {
    await client.chat.postMessage({ channel, thread_ts: threadTs, text: renderSlackText(reply, true), unfurl_links: false, ...(reply.kind === 'clarify' ? { blocks: clarifyBlocks(reply, threadTs) } : {}) });
  }

  /** Answers a leader's question in a thread, which keeps its context and language for follow-ups. */
  async function answerInThread(client: WebClient, channel: string, threadTs: string, text: string, user: string) {
    const result = await conversation.turn({
      userId: options.pseudonymise('slack', user), channel: 'slack', text, audience: 'operator',
      conversationKey: threadKey(channel, threadTs), private: false,
    });
    if (result.reply) await postReply(client, channel, threadTs, result.reply);
  }

  app.action(new RegExp(`^${ACTIONS.clarify}_\\d$`), async ({ ack, body, action, client }) => {
    await ack();
    const [threadTs, itemId] = ((action as { value?: string }).value ?? '').split('|');
    const channel = (body as { channel?: { id: string } }).channel?.id;
    if (!channel || !threadTs || !itemId) return;
    const result = await conversation.choose({ userId: options.pseudonymise('slack', body.user.id), channel: 'slack', audience: 'operator', conversationKey: threadKey(channel, threadTs), private: false }, itemId);
    if (result.reply) await postReply(client, channel, threadTs, result.reply);
  });

  app.command('/ask', async ({ command, ack, client, respond }) => {
    const question = command.text.trim();
    if (!question) {
      await ack(t('it', 'input.empty'));
      return;
    }
    await ack();
    try {
      const root = await client.chat.postMessage({ channel: command.channel_id, text: `:speech_balloon: <@${command.user_id}>: ${escapeMrkdwn(question)}` });
      await answerInThread(client, command.channel_id, root.ts!, question, command.user_id);
    } catch (err) {
      log.warn({ err: (err as Error).name }, 'slack /ask failed to post in the channel');
      await respond({ response_type: 'ephemeral', text: t('it', 'errors.internal') });
    }
  });

  app.event('app_mention', async ({ event, client, context }) => {
    const text = event.text.replace(new RegExp(`<@${context.botUserId ?? ''}>`, 'g'), ' ').trim();
    await answerInThread(client, event.channel, event.thread_ts ?? event.ts, text || '?', event.user ?? 'unknown');
  });

  app.command('/sources', async ({ command, ack }) => {
    const topic = command.text.trim().toLowerCase() || undefined;
    const items = engine.sources(topic, 'it');
    const lines = items.slice(0, 60).map((i) => `• ${i.source.startsWith('http') ? `<${i.source}|${escapeMrkdwn(i.title)}>` : escapeMrkdwn(i.title)} — ${i.verified}${i.audience === 'operator' ? ' · operatori' : ''}`);
    await ack({ response_type: 'ephemeral', text: lines.length ? `*${items.length} documenti${topic ? ` (${topic})` : ''}*\n${lines.join('\n')}` : `Nessun documento per "${escapeMrkdwn(topic ?? '')}". Argomenti: housing, health, work, documents, safety, project, research.` });
  });

  const handoff = options.handoff;
  if (handoff) {
    const operatorId = (user: string) => `slack:${user}`;
    app.command('/cases', async ({ command, ack }) => {
      if (!handoff.service.isOperator(operatorId(command.user_id))) {
        await ack({ response_type: 'ephemeral', text: t('it', 'operator.not_allowed') });
        return;
      }
      const cases = handoff.service.listActive();
      const now = Date.now();
      const lines = cases.map((c) => `• ${caseHeadline(t, c)} · ${c.language} · ${t('it', 'operator.age_minutes', { minutes: Math.round((now - c.createdAt) / 60_000) })}`);
      await ack({ response_type: 'ephemeral', text: lines.length ? `*${t('it', 'operator.cases_title')}*\n${lines.join('\n')}` : t('it', 'operator.no_cases') });
    });

    const act = (action: string, run: (caseId: string, operator: string, client: WebClient, user: string) => Promise<{ ok: boolean; message: string }>) =>
      app.action(action, async ({ ack, body, action: a, client }) => {
        await ack();
        const caseId = (a as { value?: string }).value ?? '';
        const outcome = await run(caseId, operatorId(body.user.id), client, body.user.id);
        const channel = (body as { channel?: { id: string } }).channel?.id ?? options.operatorsChannel;
        if (channel && outcome.message) await client.chat.postEphemeral({ channel, user: body.user.id, text: outcome.message }).catch(() => undefined);
      });
    act(ACTIONS.claim, async (id, op, client, user) => handoff.service.claim(id, op, await firstName(client, user)));
    act(ACTIONS.close, async (id, op) => handoff.service.close(id, op));
    act(ACTIONS.raise, async (id, op) => handoff.service.setPriority(id, op, 1));
    act(ACTIONS.lower, async (id, op) => handoff.service.setPriority(id, op, 3));
  }

  app.message(async ({ message, client, context }) => {
    const m = message as { subtype?: string; thread_ts?: string; ts: string; channel: string; user?: string; text?: string; bot_id?: string };
    if (m.subtype || m.bot_id || !m.thread_ts || !m.user || !m.text) return;
    if (handoff && m.channel === options.operatorsChannel) {
      const c = handoff.store.caseByThread(SLACK_OPERATORS_TARGET, `${m.channel}:${m.thread_ts}`);
      if (!c) return;
      const outcome = handoff.service.operatorMessage(c.id, `slack:${m.user}`, m.text);
      if (outcome && (!outcome.ok || outcome.message)) await client.chat.postEphemeral({ channel: m.channel, user: m.user, text: outcome.message }).catch(() => undefined);
      return;
    }
    // A follow-up in a thread where the bot answered a leader (mentions are handled by app_mention).
    if (context.botUserId && m.text.includes(`<@${context.botUserId}>`)) return;
    if (storage.messages.recent(threadKey(m.channel, m.thread_ts), 1).length === 0) return;
    await answerInThread(client, m.channel, m.thread_ts, m.text, m.user);
  });

  app.error(async (err) => {
    log.error({ err: err.name, code: (err as { code?: string }).code }, 'slack listener failed');
  });

  const deliverer: Deliverer = async (item) => {
    const p = item.payload;
    if (p.type === 'user_text' || !handoff || !options.operatorsChannel) throw new Error('nothing to deliver to Slack');
    const c = handoff.store.get(p.caseId);
    if (!c) return;
    const channel = options.operatorsChannel;
    const ref = handoff.store.thread(c.id, SLACK_OPERATORS_TARGET);
    const ts = ref?.split(':')[1];
    if (p.type === 'case_card') {
      const summary = caseSummary(t, c, handoff.store.messages(c.id), handoff.store.queuePosition(c.id));
      const blocks = caseBlocks(t, c.id, c.state, summary);
      if (ts && p.update) {
        await app.client.chat.update({ channel, ts, text: caseHeadline(t, c), blocks });
      } else if (ts && p.reminder) {
        await app.client.chat.postMessage({ channel, thread_ts: ts, reply_broadcast: true, text: `${t('it', 'operator.reminder')} — ${caseHeadline(t, c)}` });
      } else if (!ts) {
        const posted = await app.client.chat.postMessage({ channel, text: caseHeadline(t, c), blocks });
        handoff.store.setThread(c.id, SLACK_OPERATORS_TARGET, `${channel}:${posted.ts}`);
      }
      return;
    }
    if (!ts) throw new Error('case card not posted yet');
    const who = p.author === 'user' ? t('it', 'operator.user_says') : t('it', 'operator.bot_says');
    const italian = p.author === 'user' && options.translator && c.language !== 'it' ? await options.translator.translate(p.text, 'it') : undefined;
    const translation = italian ? `\n_🇮🇹 ${t('it', 'operator.translation')}: ${escapeMrkdwn(italian)}_` : '';
    await app.client.chat.postMessage({ channel, thread_ts: ts, text: `*${who}*: ${escapeMrkdwn(p.text)}${translation}` });
  };

  return {
    app,
    requestListener: receiver instanceof HTTPReceiver ? (req, res) => receiver.requestListener(req, res) : undefined,
    deliverer,
    async start() {
      await app.init();
      if (receiver instanceof SocketModeReceiver) await app.start();
    },
    async stop() {
      if (receiver instanceof SocketModeReceiver) await app.stop().catch(() => undefined);
    },
  };
}
