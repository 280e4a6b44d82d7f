/** Turns texts into vectors. Implementations: the offline `local` one, and `openai` (later). */
export interface Embedder {
  /** Recorded in the index manifest: a change of name or dimension forces a rebuild. */
  readonly name: string;
  readonly dimension: number;
  /** One L2-normalised vector per text, in order. */
  embed(texts: readonly string[]): Promise<number[][]>;
}
