/**
 * Confidence of a match from the strength of retrieval only: the cosine similarity of the best
 * match and the share of the question's informative words found in it. Monotone in both; 0..1.
 * One feature of the answer / clarify / no-answer model (./decide.ts), whose weights and thresholds
 * are fitted on the tune split.
 */
export function confidenceOf(hit: { similarity: number; coverage: number } | undefined): number {
  if (!hit) return 0;
  const sim = Math.min(1, Math.max(0, (hit.similarity - 0.15) / 0.5));
  const value = 0.5 * sim + 0.5 * Math.min(1, Math.max(0, hit.coverage));
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}
