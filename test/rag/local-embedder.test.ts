import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../src/rag/local-embedder.ts';
import { foldText, lexicalTerms, words } from '../../src/rag/text.ts';

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('text normalisation', () => {
  it('folds accents, case and Arabic letter variants the way people type', () => {
    expect(foldText('Perché è così? ŞȚ')).toBe('perche e cosi? st');
    expect(foldText('أَحْمَد إلى')).toBe(foldText('احمد الي'));
    expect(foldText('Lo.C.A.Re.')).toContain('locare');
  });

  it('splits Chinese into words and Italian elisions apart', () => {
    expect(words('怎么申请居留许可')).toEqual(['怎么', '申请', '居留', '许可']);
    expect(words("all'impiego")).toEqual(['all', 'impiego']);
  });

  it('stems by language and drops stop words', () => {
    expect(lexicalTerms('i documenti del permesso', 'it')).toEqual(lexicalTerms('documento permessi', 'it'));
  });
});

describe('local embedder', () => {
  const embedder = createLocalEmbedder();

  it('is deterministic and L2-normalised', async () => {
    const [a] = await embedder.embed(['codice fiscale per richiedenti asilo']);
    const [b] = await embedder.embed(['codice fiscale per richiedenti asilo']);
    expect(a).toEqual(b);
    expect(a).toHaveLength(embedder.dimension);
    expect(cosine(a!, a!)).toBeCloseTo(1, 6);
  });

  it('is robust to typos and missing accents', async () => {
    const [clean, typo, unrelated] = await embedder.embed([
      'iscrizione anagrafica e residenza',
      'iscrizzione anagrafica e recidenza',
      'corso di cucina per bambini',
    ]);
    expect(cosine(clean!, typo!)).toBeGreaterThan(0.5);
    expect(cosine(clean!, typo!)).toBeGreaterThan(cosine(clean!, unrelated!) + 0.3);
    const [accent, plain] = await embedder.embed(['idoneità alloggiativa perché', 'idoneita alloggiativa perche']);
    expect(cosine(accent!, plain!)).toBeCloseTo(1, 6);
  });
});
