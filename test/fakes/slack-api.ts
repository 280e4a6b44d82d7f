/**
 * A local stand-in for Slack's Web API on 127.0.0.1: records every call and answers the methods
 * Discorsi uses (auth.test, chat.postMessage, chat.update, chat.postEphemeral, users.info) and
 * response_url posts. Also signs requests to our /slack/events exactly as Slack does.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
}

export interface FakeSlack {
  url: string;
  calls: SlackCall[];
  posted(channel?: string): SlackCall[];
  close(): Promise<void>;
}

const NAMES: Record<string, string> = { UOP1: 'Giulia Rossi', UOP2: 'Marco Bianchi', UBAD: 'Mallory Nobody' };

function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (type?.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  let ts = 1_700_000_000;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
      const body = parseBody(raw, req.headers['content-type']);
      calls.push({ method, body });
      let result: Record<string, unknown> = { ok: true };
      if (method === 'auth.test') result = { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'discorsi', url: 'https://example.slack.com/' };
      else if (method === 'chat.postMessage') result = { ok: true, channel: body.channel, ts: `${++ts}.000100`, message: { text: body.text } };
      else if (method === 'chat.update') result = { ok: true, channel: body.channel, ts: body.ts };
      else if (method === 'users.info') {
        const name = NAMES[String(body.user)] ?? 'Someone Else';
        result = { ok: true, user: { id: body.user, name: name.toLowerCase(), profile: { first_name: name.split(' ')[0], real_name: name } } };
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  return {
    url,
    calls,
    posted: (channel) => calls.filter((c) => c.method === 'chat.postMessage' && (!channel || c.body.channel === channel)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:{ts}:{body}"). */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** POSTs a signed request to our events endpoint, as Slack would. */
export async function sendToApp(url: string, secret: string, body: string, contentType: string, options: { timestamp?: number; signature?: string } = {}) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? sign(secret, timestamp, body),
    },
    body,
  });
}

export const slashCommand = (fields: Record<string, string>) => new URLSearchParams({ token: 'x', team_id: 'T1', channel_id: 'CLEAD', user_id: 'ULEAD', trigger_id: 't', ...fields }).toString();
export const eventCallback = (event: Record<string, unknown>) => JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `Ev${crypto.randomUUID().slice(0, 8)}`, event_time: Math.floor(Date.now() / 1000), event });
export const blockAction = (user: string, actionId: string, value: string, channel: string) =>
  new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: user, name: user.toLowerCase() }, team: { id: 'T1' }, channel: { id: channel }, trigger_id: 't', response_url: 'http://127.0.0.1:1/unused', actions: [{ type: 'button', action_id: actionId, value, block_id: 'b', action_ts: '1' }] }) }).toString();
