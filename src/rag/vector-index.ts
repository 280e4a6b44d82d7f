/**
 * Approximate nearest-neighbour search over chunk vectors with hnswlib-node (cosine space).
 * `ef` is set explicitly: LangChain's HNSWLib leaves it at 10, which loses recall.
 */
import hnswlib from 'hnswlib-node';

const { HierarchicalNSW } = hnswlib;

export interface VectorIndexOptions {
  dimension: number;
  m?: number;
  efConstruction?: number;
  efSearch?: number;
}

export interface VectorHit {
  label: number;
  /** Cosine similarity, -1..1 (higher is closer). */
  similarity: number;
}

/** A cosine HNSW index whose labels are row numbers of the caller's vector table. */
export class VectorIndex {
  private readonly index: InstanceType<typeof HierarchicalNSW>;
  private readonly efSearch: number;

  private constructor(index: InstanceType<typeof HierarchicalNSW>, efSearch: number) {
    this.index = index;
    this.efSearch = efSearch;
  }

  /** Builds an index over `vectors` (row i gets label i). */
  static build(vectors: readonly number[][], options: VectorIndexOptions): VectorIndex {
    const index = new HierarchicalNSW('cosine', options.dimension);
    index.initIndex({ maxElements: Math.max(1, vectors.length), m: options.m ?? 16, efConstruction: options.efConstruction ?? 200, randomSeed: 42 });
    vectors.forEach((v, i) => index.addPoint(v, i));
    return new VectorIndex(index, options.efSearch ?? 96);
  }

  /** Reads an index written by `save`. Throws on a missing or unreadable file. */
  static load(file: string, options: VectorIndexOptions): VectorIndex {
    const index = new HierarchicalNSW('cosine', options.dimension);
    index.readIndexSync(file);
    return new VectorIndex(index, options.efSearch ?? 96);
  }

  save(file: string): void {
    this.index.writeIndexSync(file);
  }

  get size(): number {
    return this.index.getCurrentCount();
  }

  search(vector: number[], k: number, filter?: (label: number) => boolean): VectorHit[] {
    const n = Math.min(k, this.size);
    if (n === 0) return [];
    this.index.setEf(Math.max(this.efSearch, n));
    const result = this.index.searchKnn(vector, n, filter);
    return result.neighbors.map((label, i) => ({ label, similarity: 1 - result.distances[i]! }));
  }
}
