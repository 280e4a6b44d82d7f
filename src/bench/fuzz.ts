/**
 * Generators of hostile input for the channel adapters, from a fixed seed: mutated Telegram
 * updates (random Unicode, huge strings, missing fields, wrong types, duplicated update ids) and
 * Slack payloads. Used by the fuzz tests and `scripts/fuzz.ts`.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SAMPLES = [
  'Dove trovo un dormitorio a Torino?', 'I have no papers, can I see a doctor?', 'زوجتي حامل وليس لدينا أوراق', '怎么申请税号？',
  'Мій роботодавець не дає мені розрахунковий лист', 'আমি তুরিনে ইতালীয় শিখতে চাই', 'Am pierdut locul de muncă', '/start', '/forget', '/language',
  '🙂🙂🙂', '', ' ', '\u0000\u0007\u001b[2J', '\u202e\u2066reversed', 'a'.repeat(5000),
];

function randomText(rand: () => number): string {
  const kind = rand();
  if (kind < 0.5) return SAMPLES[Math.floor(rand() * SAMPLES.length)]!;
  if (kind < 0.8) {
    const len = Math.floor(rand() * 200);
    return Array.from({ length: len }, () => String.fromCodePoint(Math.floor(rand() * 0x2ffff) % 0x10ffff)).join('').replace(/[\ud800-\udfff]/g, '?');
  }
  if (kind < 0.9) return 'x'.repeat(Math.floor(rand() * 40_000));
  return SAMPLES[Math.floor(rand() * SAMPLES.length)]!.split('').reverse().join('');
}

/** `n` Telegram updates; about one in ten repeats an earlier update id. */
export function telegramUpdates(n: number, seed = 1): unknown[] {
  const rand = prng(seed);
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const chatId = 1_000_000 + Math.floor(rand() * 300);
    const base = { message_id: i + 1, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: rand() < 0.9 ? 'private' : 'group' }, from: { id: chatId, is_bot: false, first_name: 'F', language_code: ['it', 'ar', 'zh', 'xx', undefined][Math.floor(rand() * 5)] } };
    const r = rand();
    let update: Record<string, unknown>;
    if (r < 0.55) update = { update_id: i, message: { ...base, text: randomText(rand) } };
    else if (r < 0.62) update = { update_id: i, edited_message: { ...base, text: randomText(rand), edit_date: 1 } };
    else if (r < 0.7) update = { update_id: i, callback_query: { id: String(i), from: base.from, chat_instance: 'c', data: ['t:health', 'i:health/stp-code', 'fb:1:x', 'h', 'l:ar', 'l:zz', 'f:y', 'r:9', 'garbage', 'i:../../etc'][Math.floor(rand() * 10)], message: { ...base, text: 'menu' } } };
    else if (r < 0.76) update = { update_id: i, message: { ...base, photo: [{ file_id: 'p', file_unique_id: 'u', width: 1, height: 1 }] } };
    else if (r < 0.82) update = { update_id: i, message: { ...base, text: 12345 as unknown as string } };
    else if (r < 0.87) update = { update_id: i, message: { message_id: i, date: 0, text: randomText(rand) } };
    else if (r < 0.9) update = { update_id: i, message: { ...base, chat: { id: String(chatId), type: 'private' }, text: 'ciao' } };
    else if (r < 0.93) update = { update_id: i, unknown_kind: { whatever: true } };
    else if (r < 0.96) update = { update_id: i, message: null as unknown as Record<string, unknown> };
    else update = { update_id: i, message: { ...base, text: randomText(rand), entities: [{ type: 'bot_command', offset: 0, length: 9999 }] } };
    out.push(update);
    if (i > 0 && rand() < 0.1) out.push(out[Math.floor(rand() * out.length)]);
  }
  return out;
}

/** `n` Slack request bodies with their content types: slash commands, events, actions, junk. */
export function slackPayloads(n: number, seed = 2): { body: string; type: string }[] {
  const rand = prng(seed);
  const out: { body: string; type: string }[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    const text = randomText(rand).slice(0, 3000);
    if (r < 0.3) out.push({ type: 'application/x-www-form-urlencoded', body: new URLSearchParams({ command: ['/ask', '/sources', '/cases', '/nope'][Math.floor(rand() * 4)]!, text, user_id: `U${i}`, channel_id: 'CFUZZ', team_id: 'T1', trigger_id: 't' }).toString() });
    else if (r < 0.6) out.push({ type: 'application/json', body: JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: `Ev${i % 50}`, event: { type: ['app_mention', 'message', 'weird'][Math.floor(rand() * 3)], text, user: rand() < 0.5 ? `U${i}` : undefined, channel: 'CFUZZ', ts: `${i}.1`, thread_ts: rand() < 0.5 ? `${i}.0` : undefined } }) });
    else if (r < 0.8) out.push({ type: 'application/x-www-form-urlencoded', body: new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: `U${i}` }, actions: [{ action_id: ['case_claim', 'case_close', 'x'][Math.floor(rand() * 3)], value: text.slice(0, 40) }] }) }).toString() });
    else if (r < 0.9) out.push({ type: 'application/json', body: text });
    else out.push({ type: 'application/json', body: JSON.stringify({ type: 'url_verification', challenge: text.slice(0, 50) }) });
  }
  return out;
}
