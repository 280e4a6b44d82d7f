/**
 * The `discorsi ask` command as a user runs it: a real process, the shipped knowledge base, the
 * real index and embedder in a temporary data folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE, runCli, tempDir } from '../helpers/cli.ts';

let dataDir: string;
const env = () => ({ DATA_DIR: dataDir, KNOWLEDGE_DIR: KNOWLEDGE });

async function ask(question: string, extra: string[] = [], envExtra: Record<string, string> = {}) {
  const result = await runCli(['ask', '--json', ...extra, question], { env: { ...env(), ...envExtra } });
  expect(result.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  expect(result.code).toBe(0);
  const lines = result.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return { reply: JSON.parse(lines[0]!), stderr: result.stderr };
}

beforeAll(async () => {
  dataDir = tempDir();
  const result = await runCli(['ingest'], { env: env() });
  expect(result.code).toBe(0);
}, 120_000);

describe('ask --json', () => {
  it('prints exactly the contract object', async () => {
    const { reply } = await ask('Dove si chiede il certificato di idoneità alloggiativa a Torino?');
    expect(Object.keys(reply).sort()).toEqual(['citations', 'confidence', 'handoff', 'kind', 'language', 'text']);
    expect(Object.keys(reply.handoff).sort()).toEqual(['offered', 'reason']);
    expect(reply.kind).toBe('answer');
    expect(reply.language).toBe('it');
    expect(reply.citations[0].id).toBe('housing/housing-suitability');
    expect(reply.citations.length).toBeGreaterThan(0);
    expect(reply.confidence).toBeGreaterThan(0);
    expect(reply.confidence).toBeLessThanOrEqual(1);
    for (const c of reply.citations) {
      expect(Object.keys(c).sort()).toEqual(['id', 'source', 'title', 'verified']);
      expect(c.verified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(reply.text).toContain(c.verified);
    }
  });

  it.each([
    ['it', 'Dove si chiede il certificato di idoneità alloggiativa a Torino?', /idoneità alloggiativa/i],
    ['en', 'Where do I ask for the housing suitability certificate (idoneità alloggiativa) in Turin?', /idoneità alloggiativa/i],
    ['fr', "Où demander le certificat d'idonéité du logement (idoneità alloggiativa) à Turin ?", /idoneità alloggiativa/i],
    ['ar', 'أين أطلب شهادة صلاحية السكن (idoneità alloggiativa) في تورينو؟', /idoneità alloggiativa/i],
    ['ro', 'Unde cer certificatul de idoneitate a locuinței (idoneità alloggiativa) la Torino?', /idoneità alloggiativa/i],
  ])('answers a housing question in %s, in that language, with its source and date', async (lang, question, fact) => {
    const { reply } = await ask(question);
    expect(reply.kind).toBe('answer');
    expect(reply.language).toBe(lang);
    expect(reply.text).toMatch(fact);
    expect(reply.citations.length).toBeGreaterThan(0);
    expect(reply.text).toContain(reply.citations[0].source);
  });

  it('puts 112 first in an emergency and offers a person', async () => {
    const { reply } = await ask('Mio figlio non respira e ha le labbra blu!');
    expect(reply.kind).toBe('emergency');
    expect(reply.text.split('\n')[0]).toContain('112');
    expect(reply.handoff).toEqual({ offered: true, reason: 'emergency' });
    expect(reply.citations).toEqual([]);
  });

  it('hands off when the person asks for a human', async () => {
    const { reply } = await ask('Voglio parlare con una persona vera, non con un robot');
    expect(reply.kind).toBe('handoff');
    expect(reply.handoff).toEqual({ offered: true, reason: 'user_request' });
  });

  it('declines what is out of scope and says what it can do', async () => {
    const { reply } = await ask('Chi ha vinto la partita di calcio ieri sera?');
    expect(reply.kind).toBe('out_of_scope');
    expect(reply.language).toBe('it');
    expect(reply.citations).toEqual([]);
  });

  it('says it does not know, and offers a person, when nothing reliable is found', async () => {
    const { reply } = await ask('Posso fare un mutuo in banca per comprare casa con il permesso di soggiorno?');
    expect(['no_answer', 'clarify']).toContain(reply.kind);
    expect(reply.handoff.offered).toBe(true);
    expect(reply.kind === 'clarify' ? reply.options.length : 0).toBeLessThanOrEqual(3);
    expect(reply.citations).toEqual([]);
  });

  it('prints "did you mean…?" with its options when several items are plausible', async () => {
    const { reply } = await ask('permesso');
    expect(reply.kind).toBe('clarify');
    expect(reply.options.length).toBeGreaterThan(0);
    expect(reply.options.length).toBeLessThanOrEqual(3);
    for (const o of reply.options) expect(Object.keys(o).sort()).toEqual(['id', 'title']);
    expect(reply.citations).toEqual([]);
  });

  it('greets back, with a hint of what it can do', async () => {
    const { reply } = await ask('buongiorno!');
    expect(reply.kind).toBe('smalltalk');
    expect(reply.language).toBe('it');
    expect(reply.citations).toEqual([]);
  });

  it('flags violence at home with 1522 and offers a person', async () => {
    const { reply } = await ask('Mio marito mi picchia e ho paura per i miei figli');
    expect(reply.text).toContain('1522');
    expect(reply.handoff.offered).toBe(true);
  });

  it('answers in the language given with --lang', async () => {
    const { reply } = await ask('codice fiscale', ['--lang', 'ar']);
    expect(reply.language).toBe('ar');
  });
});

describe('bad input never crashes', () => {
  it('an empty question is a usage error (exit 2)', async () => {
    const result = await runCli(['ask', '--json', '   '], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: discorsi ask');
    expect(result.stdout).toBe('');
  });

  it('a 20,000-character message is politely refused', async () => {
    const { reply } = await ask('casa '.repeat(4000));
    expect(reply.kind).toBe('no_answer');
    expect(reply.text).toMatch(/2000/);
  });

  it.each([
    ['emoji only', '🙂🙏🏽😢'],
    ['mixed scripts', 'STP 怎么 申请 بطاقة ASL доктор'],
    ['control characters', '\u0007\u001b[31mcodice\u0001 fiscale\u202e?'],
  ])('%s gets a reply', async (_name, text) => {
    const { reply } = await ask(text);
    expect(['answer', 'no_answer', 'out_of_scope', 'clarify', 'smalltalk']).toContain(reply.kind);
    expect(reply.text.length).toBeGreaterThan(0);
    expect(reply.text).not.toMatch(/[\u0000-\u0008\u001b]/);
  });

  it('a damaged index is rebuilt with a warning', async () => {
    const broken = tempDir();
    fs.cpSync(dataDir, broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'index/hnsw.bin'), 'not an index');
    const { reply, stderr } = await ask('Dove si chiede il certificato di idoneità alloggiativa a Torino?', [], { DATA_DIR: broken });
    expect(stderr).toMatch(/rebuild/i);
    expect(reply.kind).toBe('answer');
  });

  it('bad configuration exits 2 with one line per problem', async () => {
    const result = await runCli(['ask', 'ciao'], { env: { ...env(), EMBEDDINGS: 'magic', OPERATOR_IDS: 'bob', PORT: 'eighty' } });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(result.stderr).toMatch(/EMBEDDINGS/);
    expect(result.stderr).toMatch(/OPERATOR_IDS/);
    expect(result.stderr).toMatch(/PORT/);
  });

  it('an unknown command exits 2', async () => {
    const result = await runCli(['fly']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command/);
  });
});
