/**
 * `discorsi ingest`: reads the knowledge folder, chunks and embeds what changed, and writes the
 * index. Unchanged files (same content hash, same embedder) reuse their chunks and vectors; when
 * nothing changed at all, nothing is rebuilt. A file that cannot be read is named and skipped.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Language } from '../core/languages.ts';
import type { LanguageDetector } from '../i18n/detect-language.ts';
import { chunkItem, embeddingText, type Chunk } from './chunker.ts';
import type { Embedder } from './embedder.ts';
import { KnowledgeIndex, type FileRecord, type Manifest } from './knowledge-index.ts';
import type { KnowledgeItem } from './knowledge-item.ts';
import { loadDirectory } from './loaders/directory.ts';
import { loadMarkdown } from './loaders/markdown.ts';
import type { LoadResult } from './loaders/types.ts';

const EXTENSIONS = new Set(['.md', '.markdown', '.pdf', '.docx', '.html', '.htm', '.yaml', '.yml']);
/** Files above this size are refused (a hostile or mistaken upload must not exhaust memory). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** Files that document the folder itself. */
const IGNORED = new Set(['readme.md']);

export interface IngestOptions {
  knowledgeDir: string;
  indexDir: string;
  embedder: Embedder;
  detector: LanguageDetector;
  /** Called after each file: done, total. */
  onProgress?: (done: number, total: number) => void;
  /** Rebuild everything even if nothing changed. */
  force?: boolean;
}

export interface IngestSummary {
  files: number;
  /** Files parsed and embedded in this run. */
  embedded: number;
  /** Files reused unchanged from the previous index. */
  reused: number;
  skipped: number;
  items: number;
  chunks: number;
  languages: Partial<Record<Language, number>>;
  seconds: number;
  problems: string[];
  /** False when the index was already up to date and nothing was written. */
  rebuilt: boolean;
}

/** Lists knowledge files (relative paths, sorted); symbolic links are not followed. */
export function listKnowledgeFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name).toLowerCase()) && !IGNORED.has(entry.name.toLowerCase())) out.push(child);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out.sort();
}

export function hashFile(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex').slice(0, 32);
}

/** Hashes every knowledge file: the cheap check `discorsi start` runs to know if the index is stale. */
export function knowledgeHashes(dir: string): Record<string, string> {
  return Object.fromEntries(listKnowledgeFiles(dir).map((f) => [f, hashFile(fs.readFileSync(path.join(dir, f)))]));
}

/** Whether the index must be (re)built for this knowledge folder and embedder. */
export function isIndexStale(knowledgeDir: string, indexDir: string, embedder: Embedder): boolean {
  const manifest = KnowledgeIndex.readManifest(indexDir);
  if (!manifest || manifest.embedder.name !== embedder.name || manifest.embedder.dimension !== embedder.dimension) return true;
  const hashes = knowledgeHashes(knowledgeDir);
  const known = Object.keys(manifest.files);
  return known.length !== Object.keys(hashes).length || known.some((f) => manifest.files[f]!.hash !== hashes[f]);
}

function titleFromFile(file: string): string {
  return path.basename(file, path.extname(file)).replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
}

async function readFile(file: string, data: Buffer, detector: LanguageDetector): Promise<LoadResult> {
  const ext = path.extname(file).toLowerCase();
  let result: LoadResult;
  // PDF, DOCX and HTML parsers are large: loaded only when such a file is read.
  if (ext === '.pdf') result = await (await import('./loaders/documents.ts')).loadPdf(file, data);
  else if (ext === '.docx') result = await (await import('./loaders/documents.ts')).loadDocx(file, data);
  else if (ext === '.html' || ext === '.htm') result = (await import('./loaders/documents.ts')).loadHtml(file, data.toString('utf8'));
  else if (ext === '.yaml' || ext === '.yml') return loadDirectory(file, data.toString('utf8'));
  else result = loadMarkdown(file, data.toString('utf8'));
  if (result.plain === undefined) return result;
  // A document without front matter: derive its metadata. Documents dropped in by an association
  // are for operators unless they say otherwise.
  const text = result.plain.replace(/\r\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  const detected = detector.detect(text.slice(0, 2000));
  // The date the document itself gives; never the day it was indexed (nobody checked it today).
  const verified = result.plainDate ?? 'unknown';
  const item: KnowledgeItem = {
    id: `documents-dropped/${file.toLowerCase().replace(/\.[^.]+$/, '').replace(/[^a-z0-9/]+/g, '-')}`,
    lang: detected.language ?? 'it',
    title: result.plainTitle || /^#\s+(.+)$/m.exec(text)?.[1]?.trim() || titleFromFile(file),
    topic: 'services',
    audience: 'operator',
    region: 'piemonte',
    sources: [file],
    verified,
    core: false,
    questions: [],
    body: text,
    file,
  };
  return { items: [item], problems: result.problems };
}

/** Builds or updates the index; returns what it did. */
export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { knowledgeDir, indexDir, embedder, detector } = options;
  const files = listKnowledgeFiles(knowledgeDir);
  const previous = options.force ? undefined : KnowledgeIndex.readManifest(indexDir);
  const sameEmbedder = previous?.embedder.name === embedder.name && previous.embedder.dimension === embedder.dimension;
  let old: KnowledgeIndex | undefined;
  if (previous && sameEmbedder) {
    try {
      old = KnowledgeIndex.load(indexDir);
    } catch {
      old = undefined; // damaged: everything is re-read
    }
  }

  const chunks: Chunk[] = [];
  const rowChunk: number[] = [];
  const vectorParts: Float32Array[] = [];
  const records: Record<string, FileRecord> = {};
  const problems: string[] = [];
  let embedded = 0;
  let reused = 0;
  let skipped = 0;
  let rows = 0;

  for (const [i, file] of files.entries()) {
    const full = path.join(knowledgeDir, file);
    const size = fs.statSync(full).size;
    if (size > MAX_FILE_BYTES) {
      problems.push(`${file}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MB, skipped`);
      skipped++;
      options.onProgress?.(i + 1, files.length);
      continue;
    }
    const data = fs.readFileSync(full);
    const hash = hashFile(data);
    const before = previous?.files[file];
    const chunkStart = chunks.length;
    const rowStart = rows;
    let fileProblems: string[];
    if (old && before && before.hash === hash) {
      // Unchanged: copy its chunks and vectors from the previous index.
      for (let c = 0; c < before.chunkCount; c++) chunks.push(old.chunks[before.chunkStart + c]!);
      for (let r = 0; r < before.rowCount; r++) {
        rowChunk.push(old.data.rowChunk[before.rowStart + r]! - before.chunkStart + chunkStart);
      }
      vectorParts.push(old.data.vectors.slice(before.rowStart * embedder.dimension, (before.rowStart + before.rowCount) * embedder.dimension));
      rows += before.rowCount;
      fileProblems = before.problems;
      reused++;
    } else {
      const loaded = await readFile(file, data, detector);
      fileProblems = loaded.problems;
      if (loaded.items.length === 0) skipped++;
      const texts: string[] = [];
      for (const item of loaded.items) {
        for (const chunk of await chunkItem(item)) {
          const index = chunks.push(chunk) - 1;
          texts.push(embeddingText(chunk));
          rowChunk.push(index);
          for (const q of chunk.questions) {
            texts.push(q);
            rowChunk.push(index);
          }
        }
      }
      const vectors = await embedder.embed(texts);
      const part = new Float32Array(vectors.length * embedder.dimension);
      vectors.forEach((v, r) => part.set(v, r * embedder.dimension));
      vectorParts.push(part);
      rows += vectors.length;
      if (loaded.items.length > 0) embedded++;
    }
    problems.push(...fileProblems);
    records[file] = { hash, chunkStart, chunkCount: chunks.length - chunkStart, rowStart, rowCount: rows - rowStart, problems: fileProblems };
    options.onProgress?.(i + 1, files.length);
  }

  const unchanged =
    old !== undefined &&
    reused === files.length &&
    Object.keys(previous!.files).length === files.length;
  if (!unchanged) {
    const vectors = new Float32Array(rows * embedder.dimension);
    let offset = 0;
    for (const part of vectorParts) {
      vectors.set(part, offset);
      offset += part.length;
    }
    const index = KnowledgeIndex.build({ chunks, rowChunk, vectors, dimension: embedder.dimension });
    const manifest: Omit<Manifest, 'checksums' | 'format'> = {
      embedder: { name: embedder.name, dimension: embedder.dimension },
      builtAt: new Date().toISOString(),
      files: records,
    };
    index.save(indexDir, manifest);
  }

  const languages: Partial<Record<Language, number>> = {};
  const itemKeys = new Set<string>();
  for (const c of chunks) {
    const key = `${c.itemId}#${c.lang}`;
    if (!itemKeys.has(key)) {
      itemKeys.add(key);
      languages[c.lang] = (languages[c.lang] ?? 0) + 1;
    }
  }
  return {
    files: files.length, embedded, reused, skipped, items: itemKeys.size, chunks: chunks.length, languages,
    seconds: (performance.now() - started) / 1000, problems, rebuilt: !unchanged,
  };
}
