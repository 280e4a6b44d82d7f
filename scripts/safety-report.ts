// Safety triage figures: `npx tsx scripts/safety-report.ts [--split tune|test|all] [--misses] [--json]`.
// Reads test/safety/set/*.jsonl (written from situations, round 2) and test/safety/legacy/*.jsonl
// (round 1); each message falls on the tune or test side by the fixed rule of src/engine/question-sets.ts.
// Lexicons and rules are changed looking at `--split tune` only; the README reports `--split test`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTriage } from '../src/triage/triage.ts';
import { evaluateSafety, type SafetyMessage } from '../src/triage/safety-eval.ts';
import { splitOf } from '../src/engine/question-sets.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const split = arg('split') ?? 'tune';

export function readSafetySets(dirs = ['test/safety/set', 'test/safety/legacy']): SafetyMessage[] {
  return dirs.flatMap((d) => {
    const dir = path.join(root, d);
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
      fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as SafetyMessage));
  });
}

const messages = readSafetySets().filter((m) => split === 'all' || splitOf(m.text) === split);
const report = evaluateSafety(createTriage(), messages);
if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ split, messages: messages.length, ...report, misses: report.misses.length, false_alarms: report.false_alarms.length, consistency: { ...report.consistency, inconsistent: report.consistency.inconsistent.length } })}\n`);
} else {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`Safety set, ${split} part: ${messages.length} messages`);
  console.log(`Dangerous recall ${pct(report.dangerous.rate)} (${report.dangerous.ok}/${report.dangerous.n}); false alarms ${pct(report.ordinary.rate)} (${report.ordinary.false_alarms}/${report.ordinary.n}); consistency ${pct(report.consistency.rate)} (${report.consistency.consistent}/${report.consistency.groups} groups)`);
  console.log('By rung:', Object.entries(report.by_rung).map(([k, t]) => `${k} ${pct(t.rate)} (${t.ok}/${t.n})`).join(' · '));
  console.log('By category:', Object.entries(report.by_category).map(([k, t]) => `${k} ${pct(t.rate)}`).join(' · '));
  console.log('lang  recall            false alarms');
  for (const [l, t] of Object.entries(report.by_language).sort()) console.log(`${l.padEnd(5)} ${pct(t.recall.rate).padStart(6)} (${t.recall.ok}/${t.recall.n})`.padEnd(24) + ` ${pct(t.false_alarm.rate).padStart(6)} (${t.false_alarm.false_alarms}/${t.false_alarm.n})`);
  if (process.argv.includes('--misses') && split !== 'test') {
    for (const m of report.misses) console.log(`MISS [${m.lang}] ${m.category} → ${m.got}: ${m.text.slice(0, 160)}`);
    for (const m of report.false_alarms) console.log(`ALARM [${m.lang}] → ${m.got}: ${m.text.slice(0, 160)}`);
    for (const g of report.consistency.inconsistent) console.log(`INCONSISTENT ${g.group}: ${JSON.stringify(g.got)}`);
  }
}
