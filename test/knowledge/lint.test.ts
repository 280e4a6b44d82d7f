import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintKnowledge, numberFingerprint } from '../../src/knowledge/lint.ts';
import { KNOWLEDGE, runCli, tempDir } from '../helpers/cli.ts';
import { card, writeFile } from '../helpers/fixtures.ts';

const LANGS = ['it', 'en', 'fr', 'es', 'ar', 'ro'];

describe('knowledge lint', () => {
  it('compares digit runs, ignoring list markers', () => {
    expect(numberFingerprint('1. Chiama il 1522 entro 30 giorni')).toEqual(['1522', '30']);
    expect(numberFingerprint('800 290 290')).toEqual(['290', '290', '800']);
  });

  it('fails on a missing translation and on numbers that differ', () => {
    const dir = tempDir('discorsi-lint-');
    for (const lang of LANGS.slice(0, 5)) {
      const days = lang === 'fr' ? '40' : '60';
      writeFile(path.join(dir, `cards/work/x.${lang}.md`), card({ id: 'work/x', lang, title: 'x', topic: 'work', body: `Entro ${days} giorni.` }));
    }
    const report = lintKnowledge(dir);
    expect(report.errors).toContain('work/x: missing translation: ro');
    expect(report.errors.some((e) => e.startsWith('cards/work/x.fr.md: numbers differ') && e.includes('missing 60') && e.includes('extra 40'))).toBe(true);
  });

  it('requires all twelve languages for core cards', () => {
    const dir = tempDir('discorsi-lint-');
    for (const lang of LANGS) writeFile(path.join(dir, `cards/work/y.${lang}.md`), card({ id: 'work/y', lang, title: 'y', topic: 'work', body: 'Testo.', core: true }));
    expect(lintKnowledge(dir).errors).toEqual(['work/y: missing translations: sq zh uk pt bn ur']);
  });

  it('passes on the shipped knowledge base (npm run lint:knowledge)', async () => {
    const result = await runCli(['lint', '--knowledge', KNOWLEDGE]);
    expect(result.stderr).not.toMatch(/^error:/m);
    expect(result.code).toBe(0);
  });
});
