import { loadConfig } from '../src/config.ts'; import { createLogger } from '../src/core/logger.ts'; import { createRuntime } from '../src/main.ts';
import { createConversation } from '../src/engine/conversation.ts'; import { createMemoryStores } from '../src/storage/memory.ts';
const rt = await createRuntime(loadConfig({ DATA_DIR: '/tmp/dd2', LOG_LEVEL: 'silent' }), { log: createLogger('silent') });
const c = createConversation({ engine: rt.engine, ...createMemoryStores(), translate: rt.translate, operatorsAvailable: false });
for (const q of process.argv.slice(2)) { const r = (await c.turn({ userId: 'u', channel: 't', text: q, audience: 'migrant', private: true })).reply!; console.log(r.kind, r.language, r.topic, r.citations[0]?.id ?? JSON.stringify(r.options?.map((o) => o.id)), '|', q); }
