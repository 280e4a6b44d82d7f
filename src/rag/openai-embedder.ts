/**
 * Embeddings from an OpenAI-compatible server (EMBEDDINGS=openai). The model name and dimension
 * go into the index manifest, so switching embedder rebuilds the index.
 */
import type OpenAI from 'openai';
import type { Embedder } from './embedder.ts';

const BATCH = 64;

export async function createOpenAiEmbedder(client: OpenAI, model: string): Promise<Embedder> {
  const embedBatch = async (texts: readonly string[]) => {
    const res = await client.embeddings.create({ model, input: texts.map((t) => t.slice(0, 8000) || ' '), encoding_format: 'float' });
    return res.data.sort((a, b) => a.index - b.index).map((d) => {
      const v = d.embedding as number[];
      const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
      return v.map((x) => x / norm);
    });
  };
  // The dimension is whatever the model returns: ask once.
  const [probe] = await embedBatch(['dimension probe']);
  return {
    name: `openai:${model}`,
    dimension: probe!.length,
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += BATCH) out.push(...(await embedBatch(texts.slice(i, i + BATCH))));
      return out;
    },
  };
}
