/**
 * Composition root: configuration → dependencies → engine (and, from `discorsi start`, channels).
 * The only place that picks concrete implementations.
 */
import type { Config } from './config.ts';
import type { Logger } from './core/logger.ts';
import { DiscorsiError } from './core/errors.ts';
import { createExtractiveAnswerer } from './answer/extractive.ts';
import { createEngine, type Engine } from './engine/engine.ts';
import { createLanguageDetector, type LanguageDetector } from './i18n/detect-language.ts';
import { createTranslator, type Translate } from './i18n/i18n.ts';
import type { Embedder } from './rag/embedder.ts';
import { ingest, isIndexStale, type IngestSummary } from './rag/ingest.ts';
import { KnowledgeIndex } from './rag/knowledge-index.ts';
import { createLocalEmbedder } from './rag/local-embedder.ts';
import { createQueryExpander } from './rag/glossary.ts';
import { mentionsOfficeName } from './i18n/official-names.ts';
import { createHybridRetriever, type Retriever } from './rag/retriever.ts';
import { createTriage } from './triage/triage.ts';
import { createMetrics, type Metrics } from './core/metrics.ts';
import { withMetrics } from './engine/with-metrics.ts';
import { withCache } from './engine/with-cache.ts';
import type { QuestionRewriter, Translator } from './llm/language-tasks.ts';
import type { Answerer } from './answer/answer.ts';

export interface Runtime {
  config: Readonly<Config>;
  metrics: Metrics;
  /** With a model configured: translation for the handoff. */
  translator?: Translator;
  engine: Engine;
  index: KnowledgeIndex;
  retriever: Retriever;
  embedder: Embedder;
  detector: LanguageDetector;
  translate: Translate;
  /** Set when this start had to (re)build the index. */
  ingestSummary?: IngestSummary;
}

/** The embedder the configuration asks for: offline by default, or an OpenAI-compatible server. */
export async function createEmbedder(config: Readonly<Config>): Promise<Embedder> {
  if (config.embeddings.kind === 'openai' && config.openai) {
    try {
      const { createLlmClient } = await import('./llm/client.ts');
      const { createOpenAiEmbedder } = await import('./rag/openai-embedder.ts');
      return await createOpenAiEmbedder(createLlmClient(config.openai), config.embeddings.model);
    } catch (err) {
      throw new DiscorsiError('embeddings_unavailable', `EMBEDDINGS=openai: the server did not answer (${(err as Error).message.split('\n')[0]}); check OPENAI_BASE_URL and OPENAI_API_KEY, or use EMBEDDINGS=local`);
    }
  }
  return createLocalEmbedder();
}

export interface EnsureIndexOptions {
  log: Logger;
  onProgress?: (done: number, total: number) => void;
  onIngest?: (summary: IngestSummary) => void;
}

/** Loads the index, building it first when missing or stale, rebuilding it when damaged. */
export async function ensureIndex(
  config: Readonly<Config>,
  deps: { embedder: Embedder; detector: LanguageDetector },
  options: EnsureIndexOptions,
): Promise<{ index: KnowledgeIndex; summary?: IngestSummary }> {
  let summary: IngestSummary | undefined;
  const build = async (force: boolean) => {
    summary = await ingest({ knowledgeDir: config.knowledgeDir, indexDir: config.indexDir, ...deps, force, onProgress: options.onProgress });
    options.onIngest?.(summary);
  };
  if (isIndexStale(config.knowledgeDir, config.indexDir, deps.embedder)) await build(false);
  try {
    return { index: KnowledgeIndex.load(config.indexDir), summary };
  } catch (err) {
    if (!(err instanceof DiscorsiError)) throw err;
    options.log.warn({ code: err.code }, `index unreadable (${err.message}): rebuilding it`);
    await build(true);
    return { index: KnowledgeIndex.load(config.indexDir), summary };
  }
}

/** Builds everything the engine needs. */
export async function createRuntime(config: Readonly<Config>, options: EnsureIndexOptions): Promise<Runtime> {
  const embedder = await createEmbedder(config);
  const metrics = createMetrics();
  const detector = await createLanguageDetector();
  const { index, summary } = await ensureIndex(config, { embedder, detector }, options);
  const expander = createQueryExpander();
  const retriever = createHybridRetriever({ index, embedder, expand: expander });
  const translate = createTranslator();
  const extractive = createExtractiveAnswerer({ versions: (id) => index.versions(id) });
  // The model client is loaded only when a key is configured: offline start-up stays light.
  let answerer: Answerer = extractive;
  let tasks: (Translator & QuestionRewriter) | undefined;
  if (config.openai) {
    const { createLlmClient } = await import('./llm/client.ts');
    const { createLanguageTasks } = await import('./llm/language-tasks.ts');
    const { createGeneratedAnswerer } = await import('./answer/generated.ts');
    const llm = createLlmClient(config.openai);
    tasks = createLanguageTasks(llm, config.openai.model, config.openai.timeoutMs, options.log);
    answerer = createGeneratedAnswerer({ client: llm, model: config.openai.model, fallback: extractive, versions: (id) => index.versions(id), detector, log: options.log, metrics, timeoutMs: config.openai.timeoutMs });
  }
  const engine = withMetrics(withCache(createEngine({
    retriever, answerer, triage: createTriage(), detector, translate, rewriter: tasks,
    mentionsOfficialTerm: (text) => expander.terms(text).length > 0 || mentionsOfficeName(text),
    defaultLanguage: config.defaultLanguage,
    confidenceThreshold: config.engine.confidenceThreshold,
    maxMessageChars: config.engine.maxMessageChars,
    versions: (id) => index.versions(id),
    itemIds: () => index.itemIds(),
  })), metrics);
  return { config, metrics, translator: tasks, engine, index, retriever, embedder, detector, translate, ingestSummary: summary };
}
