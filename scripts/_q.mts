import { loadConfig } from '../src/config.ts'; import { createLogger } from '../src/core/logger.ts'; import { createRuntime } from '../src/main.ts';
const rt = await createRuntime(loadConfig({ DATA_DIR: '/tmp/dd2', LOG_LEVEL: 'silent' }), { log: createLogger('silent') });
for (const q of process.argv.slice(2)) {
  const a = await rt.engine.assess({ userId: 'x', channel: 'x', text: q, audience: 'migrant' });
  const r = await rt.engine.handle({ userId: 'x', channel: 'x', text: q, audience: 'migrant' });
  console.log(r.kind, a.decision.p.toFixed(2), a.hits.slice(0, 3).map((h) => `${h.id}(${h.score.toFixed(2)})`).join(' '), '|', q.slice(0, 60));
  console.log('   ', JSON.stringify(Object.fromEntries(Object.entries(a.decision.features).map(([k, v]) => [k, Math.round(v * 100) / 100]))));
}
