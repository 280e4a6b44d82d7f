/**
 * People often type one thought as several short messages. Messages from one chat that arrive
 * within `windowMs` of each other are answered together, once: every call waits; the last one
 * receives the joined text, the earlier ones receive undefined.
 */
export class MessageMerger {
  private readonly pending = new Map<string, { texts: string[]; timer: NodeJS.Timeout; resolvers: ((text: string | undefined) => void)[] }>();

  constructor(private readonly windowMs: number) {}

  add(key: string, text: string): Promise<string | undefined> {
    if (this.windowMs <= 0) return Promise.resolve(text);
    return new Promise((resolve) => {
      const entry = this.pending.get(key) ?? { texts: [], timer: undefined as unknown as NodeJS.Timeout, resolvers: [] };
      clearTimeout(entry.timer);
      entry.texts.push(text);
      entry.resolvers.push(resolve);
      entry.timer = setTimeout(() => this.flush(key), this.windowMs);
      this.pending.set(key, entry);
    });
  }

  /** Releases every waiting chat now (graceful shutdown). */
  flushAll(): void {
    for (const key of [...this.pending.keys()]) this.flush(key);
  }

  private flush(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    clearTimeout(entry.timer);
    const last = entry.resolvers.length - 1;
    entry.resolvers.forEach((resolve, i) => resolve(i === last ? entry.texts.join('\n') : undefined));
  }
}
