/**
 * The situations that round 1 missed, through the real engine: the right category, the right
 * number first, the same priority whatever the language; a danger sentence in the middle of a
 * 20,000-character message; an association leader on Slack describing someone else's danger.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createRuntime, type Runtime } from '../../src/main.ts';
import { KNOWLEDGE, tempDir } from '../helpers/cli.ts';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await createRuntime(loadConfig({ DATA_DIR: tempDir(), KNOWLEDGE_DIR: KNOWLEDGE }), { log: createLogger('silent') });
}, 180_000);

const ask = (text: string, audience: 'migrant' | 'operator' = 'migrant') => runtime.engine.handle({ userId: 'x', channel: 'test', text, audience });

const situations: { name: string; categories: string[]; numbers: string[]; never?: string; messages: string[] }[] = [
  {
    name: 'an indirect suicidal thought', categories: ['self_harm', 'self_harm_now'], numbers: ['112', '02 2327 2327'],
    messages: ["I think it would be better if I weren't here anymore", 'Я думаю, було б краще, якби мене тут більше не було', 'penso che sarebbe meglio se non ci fossi più'],
  },
  {
    name: 'an employer keeping a passport', categories: ['exploitation'], numbers: ['800 290 290'],
    messages: ['my employer has kept my passport for three months', 'আমার মালিক তিন মাস ধরে আমার পাসপোর্ট রেখে দিয়েছে', 'il mio datore di lavoro tiene il mio passaporto da tre mesi'],
  },
  {
    name: 'a brother about to be taken to a CPR', categories: ['detention'], numbers: [],
    messages: ['mi hermano está retenido en la Questura y lo quieren mandar a un CPR', 'my brother is held at the Questura and they want to send him to a CPR', 'mio fratello è trattenuto in Questura e vogliono portarlo in un CPR'],
  },
  {
    name: 'three months of unpaid work without a contract', categories: ['exploitation'], numbers: ['800 290 290'],
    messages: ['lavoro da tre mesi in un cantiere senza contratto e non mi hanno mai pagato', "I've worked three months on a building site without a contract and they never paid me"],
  },
  {
    name: 'a husband who hits his wife', categories: ['domestic_violence'], numbers: ['1522', '112'],
    messages: ['My husband hits me', 'mio marito mi picchia', 'زوجي يضربني', 'আমার স্বামী আমাকে মারে', 'mon mari me frappe'],
  },
  {
    name: 'a husband hitting his wife right now', categories: ['violence_now'], numbers: ['112', '1522'],
    messages: ['My husband is hitting me right now', 'mio marito mi sta picchiando adesso', 'mon mari est en train de me frapper maintenant', 'mi marido me está pegando ahora'],
  },
  {
    name: 'a homeless 19-year-old', categories: ['homeless_tonight'], numbers: [], never: '1522',
    messages: ["I'm 19 and I have nowhere to sleep tonight", 'ho 19 anni e stanotte dormo per strada'],
  },
];

describe.each(situations)('$name', ({ categories, numbers, never, messages }) => {
  it.each(messages)('"%s" gets the category, the numbers and one priority', async (text) => {
    const reply = await ask(text);
    expect(categories).toContain(reply.triage);
    for (const n of numbers) expect(reply.text).toContain(n);
    if (never) expect(reply.parts.urgent ?? '').not.toContain(never);
    expect(reply.handoff.offered).toBe(true);
  });
  it('gets the same category and priority in every language', async () => {
    const replies = await Promise.all(messages.map((m) => ask(m)));
    expect(new Set(replies.map((r) => r.triage)).size).toBe(1);
    expect(new Set(replies.map((r) => r.priority)).size).toBe(1);
  });
});

it('finds "my husband is hitting me" in the middle of a 20,000-character message', async () => {
  const filler = 'Vorrei sapere come funziona il rinnovo del permesso di soggiorno e quali documenti servono per la residenza. ';
  const text = `${filler.repeat(90)}Mio marito mi picchia. ${filler.repeat(90)}`.slice(0, 20_000);
  expect(text.length).toBeGreaterThan(19_000);
  const reply = await ask(text);
  expect(['domestic_violence', 'violence_now']).toContain(reply.triage);
  expect(reply.text).toContain('1522');
});

it('an association leader on Slack describing someone else\'s danger gets the numbers and guidance, not "out of scope"', async () => {
  const reply = await ask('a woman tells me her husband beats her, what should I do?', 'operator');
  expect(reply.kind).not.toBe('out_of_scope');
  expect(reply.triage).toBe('domestic_violence');
  expect(reply.text).toContain('1522');
});
