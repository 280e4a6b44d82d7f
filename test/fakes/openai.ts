/**
 * A local OpenAI-compatible server on 127.0.0.1: chat completions (plain and streamed) and
 * embeddings. It records every request. By default it answers like a careful model: the first
 * sentence of passage [1], cited; tests can script the next responses (errors, delays, content).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Scripted {
  status?: number;
  delayMs?: number;
  content?: string;
}

export interface FakeOpenAi {
  baseURL: string;
  requests: { path: string; body: Record<string, unknown> }[];
  chatRequests(): { system: string; user: string; stream: boolean }[];
  next(...responses: Scripted[]): void;
  close(): Promise<void>;
}

/** What a careful model would answer from the passages in the request. */
function defaultAnswer(system: string, user: string): string {
  if (system.includes('You translate')) {
    const text = /<text>\n?([\s\S]*?)\n?<\/text>/.exec(user)?.[1] ?? '';
    const target = /language code "(\w+)"/.exec(system)?.[1] ?? '??';
    return `[${target}] ${text}`;
  }
  if (system.includes('You rewrite')) {
    const lines = (/<conversation>\n?([\s\S]*?)\n?<\/conversation>/.exec(user)?.[1] ?? '').split('\n').filter((l) => l.startsWith('Person:'));
    return lines.map((l) => l.replace('Person: ', '')).join(' ');
  }
  const passage = /\[1\] [^\n]*\n([\s\S]*?)(?:\n\n\[2\]|<\/passages>)/.exec(user)?.[1] ?? '';
  const sentence = passage.split('\n').find((l) => l.trim() && !l.startsWith('#'))?.split(/(?<=[.!?。۔।])\s/)[0] ?? '';
  return `${sentence.trim()} [1]`;
}

function embedding(text: string, dim = 48): number[] {
  const h = crypto.createHash('sha256').update(text).digest();
  return Array.from({ length: dim }, (_, i) => (h[i % h.length]! - 128) / 128 + (text.length % 7) / 100);
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: FakeOpenAi['requests'] = [];
  const queue: Scripted[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', async () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const path = (req.url ?? '').replace(/^\/v1/, '');
      requests.push({ path, body });
      if (path.startsWith('/embeddings')) {
        const input = ([] as string[]).concat(body.input as string | string[]);
        const data = input.map((t, index) => {
          const v = embedding(t);
          const encoded = body.encoding_format === 'float' ? v : Buffer.from(new Float32Array(v).buffer).toString('base64');
          return { object: 'embedding', index, embedding: encoded };
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
        return;
      }
      const messages = (body.messages ?? []) as { role: string; content: string }[];
      const system = messages.find((m) => m.role === 'system')?.content ?? '';
      const user = messages.find((m) => m.role === 'user')?.content ?? '';
      const script = system.includes('You translate') || system.includes('You rewrite') ? {} : (queue.shift() ?? {});
      if (script.delayMs) await new Promise((r) => setTimeout(r, script.delayMs));
      if (res.destroyed) return;
      if (script.status && script.status >= 400) {
        res.writeHead(script.status, { 'content-type': 'application/json', 'retry-after': '0' }).end(JSON.stringify({ error: { message: 'scripted error', type: 'server_error' } }));
        return;
      }
      const content = script.content ?? defaultAnswer(system, user);
      if (body.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const words = content.split(/(?<=\s)/);
        const per = Math.max(1, Math.ceil(words.length / 6));
        for (let i = 0; i < words.length; i += per) {
          const delta = words.slice(i, i + per).join('');
          res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta: { content: delta }, finish_reason: null }] })}\n\n`);
          await new Promise((r) => setTimeout(r, 400));
        }
        res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
        res.end('data: [DONE]\n\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        id: 'c1', object: 'chat.completion', created: 0, model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path.startsWith('/chat')).map((r) => {
      const m = r.body.messages as { role: string; content: string }[];
      return { system: m.find((x) => x.role === 'system')?.content ?? '', user: m.find((x) => x.role === 'user')?.content ?? '', stream: Boolean(r.body.stream) };
    }),
    next: (...responses) => queue.push(...responses),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
