/**
 * The searchable knowledge: chunks, their vectors (body text and each "way of asking"), an HNSW
 * index over the vectors and a BM25 index over the chunks. Saved as a folder with a manifest;
 * every file is checksummed so a damaged index is detected and rebuilt instead of crashing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Language } from '../core/languages.ts';
import { DiscorsiError } from '../core/errors.ts';
import type { Chunk } from './chunker.ts';
import { LexicalIndex } from './lexical-index.ts';
import { VectorIndex } from './vector-index.ts';

/** Bumped whenever text analysis changes, so existing indexes are rebuilt. */
export const INDEX_FORMAT = 5;

export interface FileRecord {
  hash: string;
  /** Range of this file's chunks in the chunk table. */
  chunkStart: number;
  chunkCount: number;
  /** Range of this file's vectors in the vector table. */
  rowStart: number;
  rowCount: number;
  /** Problems found when the file was read (kept so a re-run reports them again). */
  problems: string[];
}

export interface Manifest {
  format: number;
  embedder: { name: string; dimension: number };
  builtAt: string;
  files: Record<string, FileRecord>;
  checksums: Record<string, string>;
}

export interface IndexData {
  chunks: Chunk[];
  /** For each vector row, the chunk it belongs to. */
  rowChunk: number[];
  /** rows × dimension, row-major. */
  vectors: Float32Array;
  dimension: number;
}

const FILES = { chunks: 'chunks.json', vectors: 'vectors.f32', hnsw: 'hnsw.bin', lexical: 'lexical.json' } as const;

function sha256(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** The loaded, searchable index. */
export class KnowledgeIndex {
  private versionsById?: Map<string, Map<Language, Chunk[]>>;

  private constructor(
    readonly data: IndexData,
    readonly vector: VectorIndex,
    readonly lexical: LexicalIndex,
  ) {}

  get chunks(): readonly Chunk[] {
    return this.data.chunks;
  }

  static build(data: IndexData, options: { efSearch?: number } = {}): KnowledgeIndex {
    const rows: number[][] = [];
    for (let r = 0; r < data.rowChunk.length; r++) {
      rows.push(Array.from(data.vectors.subarray(r * data.dimension, (r + 1) * data.dimension)));
    }
    const vector = VectorIndex.build(rows, { dimension: data.dimension, efSearch: options.efSearch });
    return new KnowledgeIndex(data, vector, LexicalIndex.build(data.chunks));
  }

  /** Writes the index files and the manifest (last, so a half-written index is never taken as valid). */
  save(dir: string, manifest: Omit<Manifest, 'checksums' | 'format'>): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.rmSync(path.join(dir, 'manifest.json'), { force: true });
    const chunksJson = JSON.stringify({ chunks: this.data.chunks, rowChunk: this.data.rowChunk });
    fs.writeFileSync(path.join(dir, FILES.chunks), chunksJson);
    const vectors = Buffer.from(this.data.vectors.buffer, this.data.vectors.byteOffset, this.data.vectors.byteLength);
    fs.writeFileSync(path.join(dir, FILES.vectors), vectors);
    this.vector.save(path.join(dir, FILES.hnsw));
    fs.writeFileSync(path.join(dir, FILES.lexical), this.lexical.toJSON());
    const checksums = Object.fromEntries(
      Object.values(FILES).map((f) => [f, sha256(fs.readFileSync(path.join(dir, f)))]),
    );
    const full: Manifest = { format: INDEX_FORMAT, ...manifest, checksums };
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(full, null, 1));
  }

  /** Reads the manifest, or undefined when there is none or it is unreadable. */
  static readManifest(dir: string): Manifest | undefined {
    try {
      const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
      return m.format === INDEX_FORMAT && m.files && m.embedder ? m : undefined;
    } catch {
      return undefined;
    }
  }

  /** Loads a saved index; throws `index_corrupt` when any file is missing or does not match its checksum. */
  static load(dir: string, options: { efSearch?: number } = {}): KnowledgeIndex {
    const manifest = KnowledgeIndex.readManifest(dir);
    if (!manifest) throw new DiscorsiError('index_missing', `no valid index manifest in ${dir}`);
    const read = (name: string): Buffer => {
      const file = path.join(dir, name);
      if (!fs.existsSync(file)) throw new DiscorsiError('index_corrupt', `${name} is missing`);
      const buf = fs.readFileSync(file);
      if (sha256(buf) !== manifest.checksums[name]) throw new DiscorsiError('index_corrupt', `${name} is damaged`);
      return buf;
    };
    try {
      const { chunks, rowChunk } = JSON.parse(read(FILES.chunks).toString('utf8')) as Pick<IndexData, 'chunks' | 'rowChunk'>;
      const raw = read(FILES.vectors);
      const vectors = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
      read(FILES.hnsw);
      const dimension = manifest.embedder.dimension;
      const vector = VectorIndex.load(path.join(dir, FILES.hnsw), { dimension, efSearch: options.efSearch });
      const lexical = LexicalIndex.fromJSON(read(FILES.lexical).toString('utf8'));
      return new KnowledgeIndex({ chunks, rowChunk, vectors, dimension }, vector, lexical);
    } catch (err) {
      if (err instanceof DiscorsiError) throw err;
      throw new DiscorsiError('index_corrupt', `index cannot be read: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Every language version of an item, as chunks in order. */
  versions(itemId: string): Map<Language, Chunk[]> {
    if (!this.versionsById) {
      const map = new Map<string, Map<Language, Chunk[]>>();
      for (const c of this.data.chunks) {
        let byLang = map.get(c.itemId);
        if (!byLang) map.set(c.itemId, (byLang = new Map()));
        const list = byLang.get(c.lang) ?? [];
        list.push(c);
        byLang.set(c.lang, list);
      }
      for (const byLang of map.values()) for (const list of byLang.values()) list.sort((a, b) => a.part - b.part);
      this.versionsById = map;
    }
    return this.versionsById.get(itemId) ?? new Map();
  }

  /** Every item id, once. */
  itemIds(): string[] {
    this.versions('');
    return [...this.versionsById!.keys()];
  }
}
