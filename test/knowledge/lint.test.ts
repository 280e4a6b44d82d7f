import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintKnowledge, numberFingerprint } from '../../src/knowledge/lint.ts';
import { KNOWLEDGE, runCli, tempDir } from '../helpers/cli.ts';
import { card, writeFile } from '../helpers/fixtures.ts';

const LANGS = ['it', 'en', 'fr', 'es', 'ar', 'ro', 'sq', 'zh', 'uk', 'pt', 'bn', 'ur'];
const today = new Date('2026-12-04T12:00:00Z');

function allLanguages(dir: string, id: string, fields: Partial<Parameters<typeof card>[0]> = {}, skip: string[] = []) {
  for (const lang of LANGS.filter((l) => !skip.includes(l))) {
    writeFile(path.join(dir, `cards/${id}.${lang}.md`), card({ id, lang, title: id, topic: id.split('/')[0], body: 'Testo.', ...fields }));
  }
}

describe('knowledge lint', () => {
  it('compares digit runs, ignoring list markers', () => {
    expect(numberFingerprint('1. Chiama il 1522 entro 30 giorni')).toEqual(['1522', '30']);
    expect(numberFingerprint('800 290 290')).toEqual(['290', '290', '800']);
  });

  it('fails on a missing translation and on numbers that differ', () => {
    const dir = tempDir('discorsi-lint-');
    for (const lang of LANGS.slice(0, 11)) {
      const days = lang === 'fr' ? '40' : '60';
      writeFile(path.join(dir, `cards/work/x.${lang}.md`), card({ id: 'work/x', lang, title: 'x', topic: 'work', body: `Entro ${days} giorni.` }));
    }
    const report = lintKnowledge(dir, { today });
    expect(report.errors).toContain('work/x: missing translation: ur');
    expect(report.errors.some((e) => e.startsWith('cards/work/x.fr.md: numbers differ') && e.includes('missing 60') && e.includes('extra 40'))).toBe(true);
  });

  it('requires every migrant card in all twelve languages', () => {
    const dir = tempDir('discorsi-lint-');
    allLanguages(dir, 'work/y', {}, ['sq', 'zh', 'uk', 'pt', 'bn', 'ur']);
    expect(lintKnowledge(dir, { today }).errors).toEqual(['work/y: missing translations: sq zh uk pt bn ur']);
  });

  it('rejects a card without an institutional source, and Wikipedia as a source', () => {
    const dir = tempDir('discorsi-lint-');
    allLanguages(dir, 'health/blog', { sources: ['https://someblog.example/post'] });
    allLanguages(dir, 'health/wiki', { sources: ['https://www.salute.gov.it/portale/temi/p2_6.jsp?id=1', 'https://it.wikipedia.org/wiki/Codice_STP'] });
    const errors = lintKnowledge(dir, { today }).errors;
    expect(errors.filter((e) => e.includes('no institutional source'))).toHaveLength(12);
    expect(errors.filter((e) => e.includes('wikipedia.org') && e.includes('cannot support a fact'))).toHaveLength(12);
  });

  it('fails when an evaluation question sits in a card, even with other case and punctuation', () => {
    const dir = tempDir('discorsi-lint-');
    allLanguages(dir, 'housing/z', { questions: ['domanda uno', 'domanda due', 'domanda tre', 'Mon propriétaire ne veut pas enregistrer le bail, qui doit le faire'] });
    const report = lintKnowledge(dir, { today, evaluationQuestions: ['Mon proprietaire ne veut pas enregistrer le bail. Qui doit le faire ?', 'ciao'] });
    expect(report.errors.filter((e) => e.includes('contains an evaluation question'))).toHaveLength(1);
  });

  it('lists stale items past their review date, and rejects a verified date in the future', () => {
    const dir = tempDir('discorsi-lint-');
    allLanguages(dir, 'housing/old', { reviewBy: '2026-06-30', verified: '2026-01-10' });
    allLanguages(dir, 'housing/new', { reviewBy: '2027-06-30', verified: '2026-12-04' });
    allLanguages(dir, 'housing/future', { verified: '2027-01-01' });
    const report = lintKnowledge(dir, { today });
    expect(report.stale.map((s) => s.id)).toEqual(['housing/old']);
    expect(report.stale[0]!.sources[0]).toMatch(/^https:/);
    expect(report.errors.filter((e) => e.includes('is in the future'))).toHaveLength(12);
  });

  it('rejects a card that sends people to a directory entry that does not exist', () => {
    const dir = tempDir('discorsi-lint-');
    allLanguages(dir, 'work/office', { services: ['nowhere-office'] });
    expect(lintKnowledge(dir, { today }).errors).toContain('work/office: services names "nowhere-office", which no file of knowledge/directory defines');
  });

  it('passes on the shipped knowledge base (npm run lint:knowledge), with no evaluation question inside', async () => {
    const result = await runCli(['lint', '--knowledge', KNOWLEDGE]);
    expect(result.stderr).not.toMatch(/^error:/m);
    expect(result.code).toBe(0);
  });

  it('discorsi stale prints what to re-check, as JSON too', async () => {
    const dir = tempDir('discorsi-stale-');
    allLanguages(dir, 'housing/old', { reviewBy: '2025-06-30', verified: '2025-01-10' });
    const result = await runCli(['stale', '--json', '--knowledge', dir]);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { stale: { id: string; reviewBy: string }[] };
    expect(out.stale).toEqual([expect.objectContaining({ id: 'housing/old', reviewBy: '2025-06-30' })]);
  });
});
