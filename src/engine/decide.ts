/**
 * Answerability: answer, ask "did you mean…?", or say "I don't know" — decided from evidence that
 * separates right cards from wrong ones, not from similarity alone: informative query words the
 * card does not contain ("bank", "pharmacy", "night" missing from the chosen card is a strong sign
 * it is the wrong one), the margin over the second item, whether BM25 and vectors agree, how much
 * of the question the card covers. A logistic model over these features gives the probability
 * that the first item answers the question; its weights and the two thresholds are fitted on the
 * *tune* part of the question sets by `scripts/fit-decision.ts` and stored in ./decision-model.json.
 */
import type { ItemHit } from '../rag/retriever.ts';
import { confidenceOf } from './confidence.ts';
import model from './decision-model.json' with { type: 'json' };

export const FEATURES = ['confidence', 'similarity', 'coverage', 'missing', 'margin', 'agreed', 'lexical_first', 'vector_first', 'terms', 'vector_margin', 'sure', 'title'] as const;
export type FeatureName = (typeof FEATURES)[number];
export type Features = Record<FeatureName, number>;

export interface DecisionModel {
  weights: Record<FeatureName, number>;
  bias: number;
  /** p ≥ answer_at → answer. */
  answer_at: number;
  /** clarify_at ≤ p < answer_at → "did you mean…?" (when there are options). */
  clarify_at: number;
}

export const DEFAULT_MODEL = model as unknown as DecisionModel;

/** The evidence about the first item of a ranking. */
export function featuresOf(hits: readonly ItemHit[], queryTerms: number): Features {
  const first = hits[0];
  const second = hits[1];
  if (!first) return { confidence: 0, similarity: 0, coverage: 0, missing: 1, margin: 0, agreed: 0, lexical_first: 0, vector_first: 0, terms: 0, vector_margin: 0, sure: 0, title: 0 };
  const otherSim = Math.max(0, ...hits.slice(1).map((h) => h.similarity));
  const margin = second ? Math.max(0, (first.score - second.score) / (first.score || 1)) : 1;
  return {
    confidence: confidenceOf(first),
    similarity: first.similarity,
    coverage: first.coverage,
    missing: first.missing ?? 1,
    margin,
    agreed: first.agreed ? 1 : 0,
    lexical_first: first.lexicalRank === 0 ? 1 : 0,
    vector_first: first.vectorRank === 0 ? 1 : 0,
    terms: Math.min(1, queryTerms / 8),
    /** How much closer the first item is, in meaning, than any other. */
    vector_margin: Math.max(0, first.similarity - otherSim),
    /** Both methods agree and the first item stands out: the clearest sign of a right card. */
    sure: first.agreed ? margin : 0,
    /** The question names what the card's title names (STP, NASpI, residenza fittizia…). */
    title: first.titleCoverage ?? 0,
  };
}

/** Probability that the first item answers the question. */
export function probability(features: Features, m: DecisionModel = DEFAULT_MODEL): number {
  let z = m.bias;
  for (const f of FEATURES) z += (m.weights[f] ?? 0) * features[f];
  return 1 / (1 + Math.exp(-z));
}

export type Decision = { kind: 'answer' | 'clarify' | 'no_answer'; p: number; features: Features; options: ItemHit[] };

/** Items close enough to the first to be offered as "did you mean…?" (at most 3, near-identical titles once). */
export function plausible(hits: readonly ItemHit[], titleOf: (hit: ItemHit) => string): ItemHit[] {
  const first = hits[0];
  if (!first) return [];
  const out: ItemHit[] = [];
  const seen: Set<string>[] = [];
  for (const h of hits.slice(0, 5)) {
    if (out.length === 3) break;
    if (h !== first && (h.score < first.score * 0.6 || h.coverage < 0.15)) continue;
    const words = new Set(titleOf(h).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
    const similar = seen.some((s) => {
      let inter = 0;
      for (const w of words) if (s.has(w)) inter++;
      return inter / Math.max(1, Math.min(words.size, s.size)) > 0.7;
    });
    if (similar) continue;
    seen.push(words);
    out.push(h);
  }
  return out;
}

/** Answer, clarify or no answer, for a ranking. `forceAnswer` when triage names the item. */
export function decide(hits: readonly ItemHit[], queryTerms: number, titleOf: (hit: ItemHit) => string, m: DecisionModel = DEFAULT_MODEL): Decision {
  const features = featuresOf(hits, queryTerms);
  const p = hits.length ? probability(features, m) : 0;
  if (p >= m.answer_at) return { kind: 'answer', p, features, options: [] };
  const options = p >= m.clarify_at ? plausible(hits, titleOf) : [];
  // One weak candidate is a "did you mean…?" too: the person says yes with a tap, or asks for a person.
  if (options.length > 0) return { kind: 'clarify', p, features, options };
  return { kind: 'no_answer', p, features, options: [] };
}
