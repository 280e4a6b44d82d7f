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
import { createHybridRetriever, type Retriever } from './rag/retriever.ts';
import { createTriage } from './triage/triage.ts';

export interface Runtime {
  config: Readonly<Config>;
  engine: Engine;
  index: KnowledgeIndex;
  retriever: Retriever;
  embedder: Embedder;
  detector: LanguageDetector;
  translate: Translate;
  /** Set when this start had to (re)build the index. */
  ingestSummary?: IngestSummary;
}

export function createEmbedder(config: Readonly<Config>): Embedder {
  if (config.embeddings.kind === 'openai') {
    throw new DiscorsiError('not_implemented', 'EMBEDDINGS=openai is not available yet in this version; use EMBEDDINGS=local');
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
  const embedder = createEmbedder(config);
  const detector = await createLanguageDetector();
  const { index, summary } = await ensureIndex(config, { embedder, detector }, options);
  const retriever = createHybridRetriever({ index, embedder, expand: createQueryExpander() });
  const translate = createTranslator();
  const answerer = createExtractiveAnswerer({ versions: (id) => index.versions(id) });
  const engine = createEngine({
    retriever, answerer, triage: createTriage(), detector, translate,
    defaultLanguage: config.defaultLanguage,
    confidenceThreshold: config.engine.confidenceThreshold,
    maxMessageChars: config.engine.maxMessageChars,
    versions: (id) => index.versions(id),
    itemIds: () => index.itemIds(),
  });
  return { config, engine, index, retriever, embedder, detector, translate, ingestSummary: summary };
}
