/**
 * Safety triage measured on the *test* part of the safety sets (test/safety/set: written from
 * situations in 12 languages, round 2; test/safety/legacy: round 1). Lexicons and rules are changed
 * looking at the tune part only (scripts/safety-report.ts --split tune). The floors below are the
 * figures measured when this suite was last updated (README "Safety"), so a change that makes
 * triage worse on messages it was never tuned on fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTriage } from '../../src/triage/triage.ts';
import { evaluateSafety, type SafetyMessage } from '../../src/triage/safety-eval.ts';
import { splitOf } from '../../src/engine/question-sets.ts';
import floors from './floors.json' with { type: 'json' };

const read = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
  fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as SafetyMessage));
const here = path.dirname(new URL(import.meta.url).pathname);
const all = [...read(path.join(here, 'set')), ...read(path.join(here, 'legacy'))];
const test = all.filter((m) => splitOf(m.text) === 'test');
const report = evaluateSafety(createTriage(), test);

describe('safety triage on messages it was never tuned on (test split)', () => {
  it('has a fixed, sizeable test split in all twelve languages', () => {
    expect(test.length).toBeGreaterThan(2500);
    expect(Object.keys(report.by_language).sort()).toEqual(['ar', 'bn', 'en', 'es', 'fr', 'it', 'pt', 'ro', 'sq', 'uk', 'ur', 'zh']);
  });
  it.each(Object.entries(floors.by_rung))('recall of %s stays at or above its floor', (rung, floor) => {
    expect(report.by_rung[rung]!.rate).toBeGreaterThanOrEqual(floor as number);
  });
  it('false alarms on ordinary messages (look-alikes included) stay at or below the ceiling', () => {
    expect(report.ordinary.rate).toBeLessThanOrEqual(floors.false_alarm_ceiling);
  });
  it.each(Object.entries(floors.by_language))('recall in %s stays at or above its floor', (lang, floor) => {
    expect(report.by_language[lang]!.recall.rate).toBeGreaterThanOrEqual(floor as number);
  });
  it('the same situation in twelve languages mostly gets the same category', () => {
    expect(report.consistency.rate).toBeGreaterThanOrEqual(floors.consistency);
  });
});
