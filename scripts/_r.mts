import { loadConfig } from '../src/config.ts'; import { createLogger } from '../src/core/logger.ts'; import { createRuntime } from '../src/main.ts';
const rt = await createRuntime(loadConfig({ DATA_DIR: '/tmp/dd2', LOG_LEVEL: 'silent' }), { log: createLogger('silent') });
const q = process.argv[2]!;
for (const mode of ['bm25', 'vector', 'hybrid'] as const) { const h = await rt.retriever.retrieve({ text: q, lang: 'it', audience: 'migrant', k: 3, mode }); console.log(mode, h.map((x) => `${x.id} ${x.score.toFixed(3)} ${x.chunk.lang}`).join(' | ')); }
const { createQueryExpander } = await import('../src/rag/glossary.ts'); console.log(createQueryExpander()(q));
