/**
 * The conversation end to end through the real engine and index (the shipped knowledge base):
 * no wrong card for a need the knowledge lacks, small talk in several scripts, follow-ups that
 * follow and new questions that don't, a cache that never mixes two people's contexts, and
 * Roman-script Urdu answered in Urdu.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createRuntime, type Runtime } from '../../src/main.ts';
import { createConversation, type Conversation } from '../../src/engine/conversation.ts';
import { createMemoryStores } from '../../src/storage/memory.ts';
import { KNOWLEDGE, tempDir } from '../helpers/cli.ts';

let runtime: Runtime;
let conversation: Conversation;

beforeAll(async () => {
  runtime = await createRuntime(loadConfig({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: KNOWLEDGE }), { log: createLogger('silent') });
  conversation = createConversation({ engine: runtime.engine, ...createMemoryStores(), translate: runtime.translate, operatorsAvailable: false });
}, 180_000);

const person = (userId: string, languageHint?: 'it' | 'fr' | 'ar' | 'en') => ({ userId, channel: 'test', audience: 'migrant' as const, private: true, languageHint });
const say = async (userId: string, text: string, lang?: 'it' | 'fr' | 'ar' | 'en') => (await conversation.turn({ ...person(userId, lang), text })).reply!;

describe('answers that fit the question', () => {
  it.each([
    ['Posso fare un mutuo per comprare casa con il permesso di soggiorno?', 'it'],
    ['Can I get a loan to buy a car with my residence permit?', 'en'],
    ['Je voudrais adopter un chien au refuge de Turin, quels papiers ?', 'fr'],
  ])('a need the knowledge does not cover gets "did you mean…?" or "I don\'t know", never a card about something else: %s', async (text) => {
    const reply = await runtime.engine.handle({ userId: 'u', channel: 'test', text, audience: 'migrant' });
    expect(['clarify', 'no_answer', 'out_of_scope']).toContain(reply.kind);
    if (reply.kind === 'clarify') {
      expect(reply.options!.length).toBeGreaterThan(0);
      expect(reply.options!.length).toBeLessThanOrEqual(3);
      expect(reply.citations).toEqual([]);
    }
  });

  it.each([
    ['ciao', 'it', /Discorsi/], ['Bonjour !', 'fr', /Discorsi/], ['السلام عليكم', 'ar', /Discorsi/], ['谢谢', 'zh', /客气/], ['Дякую!', 'uk', /Будь ласка/], ['sei un robot?', 'it', /automatic|non una persona/],
  ])('small talk "%s" gets a short, warm reply in %s, not a card and not "out of scope"', async (text, lang, pattern) => {
    const reply = await runtime.engine.handle({ userId: 'u', channel: 'test', text, audience: 'migrant' });
    expect(reply.kind).toBe('smalltalk');
    expect(reply.language).toBe(lang);
    expect(reply.text).toMatch(pattern);
    expect(reply.citations).toEqual([]);
  });

  it('Roman-script Urdu is answered in Urdu script, with a line offering another language', async () => {
    const reply = await runtime.engine.handle({ userId: 'u', channel: 'test', text: 'mujhe doctor chahiye, mere paas permesso nahi hai', audience: 'migrant' });
    expect(reply.language).toBe('ur');
    expect(reply.text).toMatch(/\p{Script=Arabic}/u);
    expect(reply.text).toMatch(/\/language/);
  });

  it('the first message fits a phone screen; the rest is behind "More"', async () => {
    const reply = await runtime.engine.handle({ userId: 'u', channel: 'test', text: "Come si fa la registrazione del contratto d'affitto all'Agenzia delle Entrate?", audience: 'migrant', languageHint: 'it' });
    expect(reply.kind).toBe('answer');
    const firstMessage = [reply.parts.title, reply.parts.gist, reply.parts.details].filter(Boolean).join('\n');
    expect(firstMessage.length).toBeLessThanOrEqual(700);
  });
});

describe('follow-ups that follow', () => {
  it.each([
    ['fr', "Où demander le certificat d'idonéité du logement (idoneità alloggiativa) à Turin ?", 'Et combien de temps il est valable ?', 'Où trouver une pharmacie ouverte la nuit à Turin ?'],
    ['ar', 'أين أطلب شهادة صلاحية السكن (idoneità alloggiativa) في تورينو؟', 'وكم مدة صلاحيتها؟', 'أين أجد صيدلية مفتوحة في الليل في تورينو؟'],
  ])('in %s a short follow-up keeps the topic, a new question changes it', async (lang, first, followUp, newQuestion) => {
    const id = `fu-${lang}`;
    const a = await say(id, first, lang as 'fr' | 'ar');
    expect(a.citations[0]?.id).toBe('housing/housing-suitability');
    const b = await say(id, followUp, lang as 'fr' | 'ar');
    expect(b.language).toBe(lang);
    expect(b.kind).toBe('answer');
    expect(b.citations[0]?.id).toBe('housing/housing-suitability');
    const c = await say(id, newQuestion, lang as 'fr' | 'ar');
    expect(c.language).toBe(lang);
    expect(c.topic).toBe('health');
    expect(c.citations[0]?.id ?? '').not.toMatch(/^housing\//);
  });

  it('the reply cache never serves one person an answer computed with another person\'s context', async () => {
    await say('cache-a', 'Come ottengo il certificato di idoneità alloggiativa a Torino?', 'it');
    await say('cache-b', 'Ho perso il lavoro, come chiedo la NASpI all\'INPS?', 'it');
    const a = await say('cache-a', 'e quanto costa?', 'it');
    const b = await say('cache-b', 'e quanto costa?', 'it');
    // Same words, different conversations: B must never get A's housing card.
    expect(b.citations[0]?.id ?? '').not.toMatch(/^housing\//);
    if (b.kind === 'answer') expect(b.citations[0]!.id).toMatch(/^work\//);
    if (a.kind === 'answer') expect(a.citations[0]!.id).toMatch(/^housing\//);
  });
});
