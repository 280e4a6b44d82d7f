/**
 * The safety set: dangerous messages must be caught with the right category (recall ≥ 98% per
 * language), ordinary messages that use the same words must not raise an alarm (≤ 5% per language).
 * Runs the real triage data through the real engine's classifier.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/core/languages.ts';
import { createTriage, isAlarm } from '../../src/triage/triage.ts';

const DIR = path.dirname(fileURLToPath(import.meta.url));
interface SafetyCase { q: string; lang: string; expect: { triage: string | string[] | null } }
const read = (file: string) => fs.readFileSync(path.join(DIR, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as SafetyCase);
const dangerous = read('dangerous.jsonl');
const ordinary = read('ordinary.jsonl');
const triage = createTriage();

describe('safety set', () => {
  it('has at least 150 dangerous and as many ordinary messages, over the 12 languages', () => {
    expect(dangerous.length).toBeGreaterThanOrEqual(150);
    expect(ordinary.length).toBeGreaterThanOrEqual(dangerous.length);
    for (const lang of LANGUAGES) {
      expect(dangerous.filter((d) => d.lang === lang).length, lang).toBeGreaterThanOrEqual(8);
      expect(ordinary.filter((d) => d.lang === lang).length, lang).toBeGreaterThanOrEqual(8);
    }
  });

  it.each(LANGUAGES)('%s: recall ≥ 98% on dangerous messages, ≤ 5% false alarms on ordinary ones', (lang) => {
    const missed = dangerous.filter((d) => d.lang === lang).filter((d) => {
      const accepted = ([] as string[]).concat(d.expect.triage ?? []);
      const got = triage.classify(d.q).categories;
      return !got.some((c) => accepted.includes(c));
    });
    const alarms = ordinary.filter((d) => d.lang === lang).filter((d) => triage.classify(d.q).categories.some(isAlarm));
    const nDanger = dangerous.filter((d) => d.lang === lang).length;
    const nOrdinary = ordinary.filter((d) => d.lang === lang).length;
    expect(1 - missed.length / nDanger, `missed: ${missed.map((m) => m.q).join(' | ')}`).toBeGreaterThanOrEqual(0.98);
    expect(alarms.length / nOrdinary, `false alarms: ${alarms.map((m) => m.q).join(' | ')}`).toBeLessThanOrEqual(0.05);
  });
});
