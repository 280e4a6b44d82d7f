/**
 * With a model configured, on Telegram: a generated answer is streamed by editing one message,
 * and the handoff translates between the person and the operator (fake OpenAI + telegram-test-api).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { loadConfig } from '../../src/config.ts';
import { createLanguageDetector } from '../../src/i18n/detect-language.ts';
import { createEmbedder } from '../../src/main.ts';
import { ingest, isIndexStale } from '../../src/rag/ingest.ts';
import { KnowledgeIndex } from '../../src/rag/knowledge-index.ts';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/openai.ts';
import { tempDir } from '../helpers/cli.ts';
import { TOKEN, botMessages, buttons, startBot, startEmulator, waitForMessages, type BotHarness } from '../helpers/telegram.ts';
import { card, writeFile } from '../helpers/fixtures.ts';

const GROUP = -100700;
let fake: FakeOpenAi;
let server: TelegramServer;
let bot: BotHarness;

beforeAll(async () => {
  fake = await startFakeOpenAi();
  server = await startEmulator();
  bot = await startBot(server, {
    OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL, OPENAI_TIMEOUT_MS: '15000',
    TELEGRAM_OPERATORS_CHAT_ID: String(GROUP), OPERATOR_IDS: 'telegram:777', OPERATOR_HOURS: 'sun-sat 00:00-24:00',
  });
}, 120_000);
afterAll(async () => {
  await bot?.stop();
  await server?.stop();
  await fake?.close();
});

describe('Telegram with generated answers', () => {
  it('streams the answer into one message, edited as text arrives, then the verified reply', async () => {
    const chat = 6001;
    const client = server.getClient(TOKEN, { userId: chat, chatId: chat });
    fake.next({ content: 'La NASpI è l\'indennità di disoccupazione: la domanda va fatta all\'INPS entro 68 giorni dal licenziamento. Un patronato ti aiuta gratis. [1]' });
    await client.sendMessage(client.makeMessage("La NASpI: entro quanti giorni dal licenziamento si fa la domanda all'INPS?", { from: { id: chat, first_name: 'A', username: 'a', is_bot: false, language_code: 'it' } } as never));
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      for (const m of botMessages(server, chat)) seen.add(m.text);
      if ([...seen].some((t) => t.includes('📚'))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const versions = [...seen];
    expect(versions.some((t) => t.endsWith('…'))).toBe(true); // a partial, edited later
    const final = botMessages(server, chat);
    expect(final).toHaveLength(1); // one message, edited in place
    expect(final[0]!.text).toMatch(/68 giorni/);
    expect(final[0]!.text).toMatch(/📚/);
  });

  it('translates the person\'s messages for operators and the operator\'s replies for the person', async () => {
    const chat = 6002;
    const client = server.getClient(TOKEN, { userId: chat, chatId: chat });
    const from = { id: chat, first_name: 'A', username: 'a', is_bot: false, language_code: 'ar' };
    await client.sendCommand(client.makeCommand('/operator', { from } as never));
    await waitForMessages(server, chat, (m) => m.length >= 1);
    await client.sendMessage(client.makeMessage('أحتاج مساعدة في عقد الإيجار', { from } as never));
    const group = async (re: RegExp) => {
      for (let i = 0; i < 300; i++) {
        const m = server.storage.botMessages.map((u) => u.message as unknown as { chat_id: number; text: string }).filter((m) => String(m.chat_id) === String(GROUP));
        const hit = m.find((x) => re.test(x.text));
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('not in group');
    };
    const relayed = await group(/عقد الإيجار/);
    expect(relayed.text).toMatch(/Traduzione: \[it\] أحتاج مساعدة/);
    const cardMsg = server.storage.botMessages.find((u) => String((u.message as unknown as { chat_id: number }).chat_id) === String(GROUP))!;
    const caseId = buttons(cardMsg.message as never).find((b) => b.data.startsWith('c:'))!.data.slice(2);
    const op = server.getClient(TOKEN, { userId: 777, chatId: GROUP, type: 'group' });
    const opFrom = { id: 777, first_name: 'Giulia', username: 'g', is_bot: false };
    const opChat = { id: GROUP, type: 'group', title: 'Operatori' };
    await op.sendCallback(op.makeCallbackQuery(`c:${caseId}`, { from: opFrom, message: { chat: opChat, from: opFrom } } as never));
    await waitForMessages(server, chat, (m) => m.some((x) => x.text.includes('Giulia')));
    await op.sendMessage(op.makeMessage('Domani alle 10 allo sportello', { from: opFrom, chat: opChat, reply_to_message: { message_id: cardMsg.messageId, chat: opChat, date: 0 } } as never));
    const got = await waitForMessages(server, chat, (m) => m.some((x) => x.text.includes('Domani alle 10')));
    const text = got.find((x) => x.text.includes('Domani alle 10'))!.text;
    expect(text).toMatch(/\[ar\] Domani alle 10/);
    expect(text).toMatch(/<tg-spoiler>Domani alle 10 allo sportello<\/tg-spoiler>/);
  });
});

describe('EMBEDDINGS=openai', () => {
  it('embeds through the server, and switching embedder rebuilds the index', async () => {
    const knowledge = tempDir('discorsi-knowledge-');
    writeFile(path.join(knowledge, 'cards/health/stp.it.md'), card({ id: 'health/stp', lang: 'it', title: 'Codice STP', body: 'Senza permesso puoi avere il codice STP alla ASL.' }));
    const data = tempDir();
    const env = { DATA_DIR: data, KNOWLEDGE_DIR: knowledge, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseURL };
    const detector = await createLanguageDetector();
    const remote = await createEmbedder(loadConfig({ ...env, EMBEDDINGS: 'openai' }));
    const config = loadConfig(env);
    await ingest({ knowledgeDir: knowledge, indexDir: config.indexDir, embedder: remote, detector });
    expect(KnowledgeIndex.readManifest(config.indexDir)!.embedder).toEqual({ name: 'openai:text-embedding-3-small', dimension: 48 });
    expect(fake.requests.some((r) => r.path.startsWith('/embeddings') && r.body.encoding_format === 'float')).toBe(true);
    const local = await createEmbedder(config);
    expect(isIndexStale(knowledge, config.indexDir, local)).toBe(true);
    const summary = await ingest({ knowledgeDir: knowledge, indexDir: config.indexDir, embedder: local, detector });
    expect(summary).toMatchObject({ embedded: 1, reused: 0 });
    expect(KnowledgeIndex.readManifest(config.indexDir)!.embedder.name).toMatch(/^local-/);
  });
});
