/**
 * The default, offline embedder: deterministic feature hashing of word unigrams, word bigrams and
 * character n-grams (3 and 4, across word boundaries), weighted by log term frequency and
 * L2-normalised. Character n-grams carry typos, missing accents and inflection in languages
 * without a stemmer. No model, no network, identical vectors on every machine.
 */
import type { Embedder } from './embedder.ts';
import { isStopword, words } from './text.ts';

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser: FNV's low bits alone are weak. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface LocalEmbedderOptions {
  dimension?: number;
}

// Character n-grams weigh more than whole words: they carry typos, inflection and missing accents.
const WEIGHTS: Record<string, number> = { w: 1, b: 0.3, c: 1.2 };
const NGRAMS = [3, 4];

/** Features of a text with their counts; the first letter of a key is its kind (word, bigram, chars). */
export function localFeatures(text: string): Map<string, number> {
  const features = new Map<string, number>();
  const add = (key: string) => features.set(key, (features.get(key) ?? 0) + 1);
  const content = words(text).filter((w) => !isStopword(w, undefined));
  for (let i = 0; i < content.length; i++) {
    const w = content[i]!;
    add(`w:${w}`);
    if (i + 1 < content.length) add(`b:${w} ${content[i + 1]}`);
    const chars = [...`<${w}>`];
    for (const n of NGRAMS) {
      for (let j = 0; j + n <= chars.length; j++) add(`c:${chars.slice(j, j + n).join('')}`);
    }
  }
  return features;
}

/** Creates the offline embedder (384 dimensions by default). */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): Embedder {
  const dimension = options.dimension ?? 384;
  function embedOne(text: string): number[] {
    const v = new Float64Array(dimension);
    for (const [key, count] of localFeatures(text)) {
      const h = hash32(key);
      // The top bit picks the sign, the rest the slot: collisions then cancel out on average.
      const sign = h >>> 31 === 0 ? 1 : -1;
      v[(h & 0x7fffffff) % dimension]! += sign * WEIGHTS[key[0]!]! * (1 + Math.log(count));
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => x / norm);
  }
  return {
    name: 'local-hash-v3',
    dimension,
    async embed(texts) {
      return texts.map(embedOne);
    },
  };
}
