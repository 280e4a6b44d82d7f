/**
 * Retrieval at scale: a deterministic synthetic corpus built by recombining sentences of the real
 * knowledge base (fixed seed, several languages), embedded with the local embedder. Our HNSW index
 * (explicit ef) against exact brute-force search and against LangChain's HNSWLib with its defaults.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { FakeEmbeddings } from '@langchain/core/utils/testing';
import type { Chunk } from '../rag/chunker.ts';
import type { Embedder } from '../rag/embedder.ts';
import { VectorIndex } from '../rag/vector-index.ts';
import { prng } from './fuzz.ts';
import { percentile, round, rssMb } from './stats.ts';

export interface ScaleResult {
  build_s: number; size_mb: number; p50_ms: number; p99_ms: number; recall_at_10: number;
  peer_p99_ms: number; peer_recall_at_10: number; rss_mb: number;
}

/** Sentences of the real knowledge base, recombined with a fixed seed into `n` texts. */
export function syntheticTexts(chunks: readonly Chunk[], n: number, seed: number): string[] {
  const sentences = chunks.flatMap((c) => c.text.split(/(?<=[.!?。۔।])\s+|\n+/).map((s) => s.replace(/^[#\-\d.\s]+/, '').trim()).filter((s) => s.length > 20));
  const rand = prng(seed);
  return Array.from({ length: n }, () => {
    const k = 2 + Math.floor(rand() * 3);
    return Array.from({ length: k }, () => sentences[Math.floor(rand() * sentences.length)]!).join(' ');
  });
}

function exactTop10(vectors: Float32Array, dim: number, query: number[]): number[] {
  const n = vectors.length / dim;
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * dim;
    for (let d = 0; d < dim; d++) s += vectors[o + d]! * query[d]!;
    scores[i] = s;
  }
  const top: number[] = [];
  for (let k = 0; k < 10; k++) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < n; i++) if (scores[i]! > bestScore && !top.includes(i)) { best = i; bestScore = scores[i]!; }
    top.push(best);
  }
  return top;
}

export async function benchRetrievalScale(chunks: readonly Chunk[], embedder: Embedder, size: number, queries: number): Promise<ScaleResult> {
  const texts = syntheticTexts(chunks, size, size);
  const vectors = await embedder.embed(texts);
  const flat = new Float32Array(size * embedder.dimension);
  vectors.forEach((v, i) => flat.set(v, i * embedder.dimension));
  const queryVectors = await embedder.embed(syntheticTexts(chunks, queries, 7 + size).map((t) => t.slice(0, 120)));

  const started = performance.now();
  const index = VectorIndex.build(vectors, { dimension: embedder.dimension });
  const buildS = (performance.now() - started) / 1000;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'discorsi-bench-')), 'hnsw.bin');
  index.save(file);
  const sizeMb = fs.statSync(file).size / 1024 / 1024;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });

  const peer = new HNSWLib(new FakeEmbeddings(), { space: 'cosine', numDimensions: embedder.dimension });
  await peer.addVectors(vectors, vectors.map((_, i) => ({ pageContent: '', metadata: { i } })));
  const rss = rssMb();

  const ours: number[] = [];
  const theirs: number[] = [];
  let hit = 0;
  let peerHit = 0;
  for (const q of queryVectors) {
    const exact = new Set(exactTop10(flat, embedder.dimension, q));
    let t = performance.now();
    const found = index.search(q, 10);
    ours.push(performance.now() - t);
    hit += found.filter((f) => exact.has(f.label)).length;
    t = performance.now();
    const peerFound = await peer.similaritySearchVectorWithScore(q, 10);
    theirs.push(performance.now() - t);
    peerHit += peerFound.filter(([doc]) => exact.has(doc.metadata.i as number)).length;
  }
  return {
    build_s: round(buildS, 2), size_mb: round(sizeMb, 1), p50_ms: round(percentile(ours, 50)), p99_ms: round(percentile(ours, 99)),
    recall_at_10: round(hit / (queries * 10)), peer_p99_ms: round(percentile(theirs, 99)), peer_recall_at_10: round(peerHit / (queries * 10)), rss_mb: rss,
  };
}
