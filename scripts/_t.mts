import { loadConfig } from '../src/config.ts'; import { createLogger } from '../src/core/logger.ts'; import { createRuntime } from '../src/main.ts';
const rt = await createRuntime(loadConfig({ DATA_DIR: '/tmp/dd2', LOG_LEVEL: 'silent' }), { log: createLogger('silent') });
for (const q of process.argv.slice(2)) { const r = await rt.engine.handle({ userId: 'x', channel: 'x', text: q, audience: 'migrant' }); console.log(r.kind, '|', r.text.slice(0, 700), '\n MORE:', (r.parts.more ?? '').slice(0, 200)); }
