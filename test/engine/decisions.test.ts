/**
 * The engine's decisions as pure functions: small talk, romanised languages, follow-up or new
 * question, the reply-cache key, and answer / clarify / no-answer from retrieval evidence.
 */
import { describe, expect, it } from 'vitest';
import { smalltalkIntent } from '../../src/engine/smalltalk.ts';
import { detectRomanized, glossRomanized } from '../../src/i18n/romanized.ts';
import { isContinuation } from '../../src/engine/follow-up.ts';
import { keyOf } from '../../src/engine/with-cache.ts';
import { decide, plausible, type DecisionModel } from '../../src/engine/decide.ts';
import type { ItemHit } from '../../src/rag/retriever.ts';
import type { Chunk } from '../../src/rag/chunker.ts';

describe('small talk', () => {
  it.each([
    ['ciao', 'greeting'], ['Buongiorno!', 'greeting'], ['السلام عليكم', 'greeting'], ['مرحبا', 'greeting'], ['salam bhai', 'greeting'],
    ['你好', 'greeting'], ['Привіт', 'greeting'], ['নমস্কার', 'greeting'], ['السلام علیکم', 'greeting'], ['Tungjatjeta', 'greeting'],
    ['grazie mille', 'thanks'], ['merci beaucoup', 'thanks'], ['شكرا', 'thanks'], ['谢谢', 'thanks'], ['дякую!', 'thanks'], ['ধন্যবাদ', 'thanks'], ['shukriya', 'thanks'], ['obrigada', 'thanks'],
    ['ok', 'ok'], ['👍', 'ok'], ['va bene', 'ok'], ['arrivederci', 'bye'], ['la revedere', 'bye'], ['khuda hafiz', 'bye'],
    ['sei un robot?', 'robot'], ['are you a bot?', 'robot'], ['هل انت روبوت', 'robot'], ['kya aap robot hain?', 'robot'],
    ['who made you?', 'creator'], ['chi ti ha creato', 'creator'], ['come stai?', 'how_are_you'],
  ])('%s is small talk (%s)', (text, intent) => {
    expect(smalltalkIntent(text)).toBe(intent);
  });

  it.each(['ciao, come rinnovo il permesso?', 'hello I need a doctor', 'ok but where is the questura', 'grazie, e per i miei figli?', 'شكرا، أين المستشفى؟'])('%s is a question, not small talk', (text) => {
    expect(smalltalkIntent(text)).toBeUndefined();
  });
});

describe('romanised Urdu, Bengali and Arabic', () => {
  it.each([
    ['mujhe doctor chahiye', 'ur'], ['kaise milega permesso', 'ur'], ['mera malik mera passport nahi de raha', 'ur'],
    ['ami kaj korte chai', 'bn'], ['amar bari bhara kivabe pabo', 'bn'],
    ['3ayez ashtaghal', 'ar'], ['ana 3ayez doktor', 'ar'], ['fin kayn sbitar', 'ar'],
  ])('%s is %s', (text, lang) => {
    expect(detectRomanized(text)?.language).toBe(lang);
  });

  it.each([
    'come faccio a rinnovare il permesso di soggiorno', 'how can i get a family doctor in turin', 'necesito un medico por favor',
    'a ka ndonje menyre se si ta rinovoj lejen', 'ce documente imi trebuie pentru permis', 'je veux un rendez-vous a la prefecture',
  ])('%s is not romanised Urdu, Bengali or Arabic', (text) => {
    expect(detectRomanized(text)).toBeUndefined();
  });

  it('glosses romanised content words so retrieval can find the card', () => {
    expect(glossRomanized('mujhe kaam chahiye', 'ur')).toMatch(/work/);
    expect(glossRomanized('amar bari bhara', 'bn')).toMatch(/rent/);
  });
});

describe('follow-up or new question', () => {
  const health = [{ role: 'user' as const, text: 'Come mi iscrivo al servizio sanitario?' }, { role: 'bot' as const, text: '…' }];
  it.each([
    ['e per i miei figli?', 'it'], ['e quanto costa?', 'it'], ['and for my children?', 'en'], ['et pour mes enfants ?', 'fr'], ['وماذا عن أطفالي؟', 'ar'], ['а для дітей?', 'uk'],
  ])('%s continues the previous question', (text, lang) => {
    expect(isContinuation(text, lang as never, health)).toBe(true);
  });
  it.each([
    ['Where can I find emergency housing?', 'en'], ['Où trouver un logement d’urgence ?', 'fr'], ['أين أجد سكنا طارئا؟', 'ar'], ['Come registro il contratto di affitto?', 'it'],
  ])('%s asks something new', (text, lang) => {
    expect(isContinuation(text, lang as never, health)).toBe(false);
  });
  it('without history nothing is a follow-up', () => {
    expect(isContinuation('e per i miei figli?', 'it', [])).toBe(false);
  });
});

describe('reply cache key', () => {
  const base = { userId: 'a', channel: 'telegram', text: 'e quanto costa per me?', audience: 'migrant' as const };
  it('differs when the conversation differs, so nobody gets an answer computed with another person\'s context', () => {
    const a = keyOf({ ...base, history: [{ role: 'user', text: 'certificato di idoneità alloggiativa' }] });
    const b = keyOf({ ...base, userId: 'b', history: [{ role: 'user', text: 'NASpI disoccupazione' }] });
    expect(a).not.toBe(b);
  });
  it('is the same for the same first question from two people', () => {
    expect(keyOf({ ...base, userId: 'x', text: 'Come rinnovo il permesso?' })).toBe(keyOf({ ...base, userId: 'y', text: 'come rinnovo il  permesso?' }));
  });
});

describe('answer, clarify or no answer', () => {
  const chunk = (id: string, title: string): Chunk => ({ itemId: id, lang: 'en', title, topic: 'health', audience: 'migrant', region: 'national', sources: [], verified: '2026-12-04', core: true, file: `${id}.md`, part: 0, text: '', questions: [] });
  const hit = (id: string, title: string, extra: Partial<ItemHit>): ItemHit => ({ id, score: 1, similarity: 0.5, coverage: 0.5, chunk: chunk(id, title), missing: 0, lexicalRank: 0, vectorRank: 0, ...extra });
  const model: DecisionModel = { weights: { confidence: 3, similarity: 1, coverage: 3, missing: -4, margin: 2, agreed: 1, lexical_first: 0.5, vector_first: 0.5, terms: 0, vector_margin: 0, sure: 0, title: 0 }, bias: -4, answer_at: 0.7, clarify_at: 0.3 };
  const title = (h: ItemHit) => h.chunk.title;

  it('answers when the card covers the question and stands out', () => {
    const hits = [hit('a', 'Family doctor', { similarity: 0.8, coverage: 1, agreed: true, score: 2 }), hit('b', 'Dentist', { score: 0.5 })];
    expect(decide(hits, 5, title, model).kind).toBe('answer');
  });
  it('does not answer when the most informative word of the question is missing from the card', () => {
    const hits = [hit('a', 'Permit renewal', { similarity: 0.55, coverage: 0.5, missing: 1, score: 1 }), hit('b', 'Codice fiscale', { score: 0.9, coverage: 0.4 })];
    expect(decide(hits, 6, title, model).kind).not.toBe('answer');
  });
  it('asks "did you mean…?" with at most three options and never two near-identical titles', () => {
    const hits = [
      hit('a', 'Night shelters in Turin', { similarity: 0.55, coverage: 0.6, score: 1, missing: 0.5 }),
      hit('b', 'Night shelters in Turin: winter', { score: 0.95, coverage: 0.4 }),
      hit('c', 'Housing emergency', { score: 0.9, coverage: 0.4 }),
      hit('d', 'Public housing', { score: 0.85, coverage: 0.4 }),
      hit('e', 'Rent support', { score: 0.8, coverage: 0.4 }),
    ];
    const d = decide(hits, 4, title, model);
    expect(d.kind).toBe('clarify');
    expect(d.options.length).toBeLessThanOrEqual(3);
    expect(d.options.map((o) => o.id)).not.toContain('b');
    expect(plausible(hits, title).map((h) => h.id)).toEqual(['a', 'c', 'd']);
  });
  it('says it does not know when nothing is close', () => {
    expect(decide([hit('a', 'Dentist', { similarity: 0.1, coverage: 0, missing: 1 })], 4, title, model).kind).toBe('no_answer');
    expect(decide([], 3, title, model).kind).toBe('no_answer');
  });
});
