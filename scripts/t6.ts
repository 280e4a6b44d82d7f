// Which triage patterns match a message: `npx tsx scripts/t6.ts "text"`.
import fs from 'node:fs';
import { foldText } from '../src/rag/text.ts';
const text = foldText(process.argv[2]!);
for (const f of fs.readdirSync('src/triage/data')) {
  const d = JSON.parse(fs.readFileSync(`src/triage/data/${f}`, 'utf8'));
  for (const [cat, list] of Object.entries(d.patterns) as [string, string[]][]) for (const p of list) { const m = new RegExp(p, 'iu').exec(text); if (m) console.log(f, cat, JSON.stringify(m[0]), p.slice(0, 80)); }
}
