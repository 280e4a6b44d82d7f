/**
 * Remembers recent replies: people ask the same questions again and again, and a cached reply
 * costs nothing. The key is everything the reply depends on: the text, the audience, the topic,
 * the language hints and — whenever there is one — the conversation so far, so a follow-up is never
 * answered with a reply computed for another person's context. Emergencies and handoffs are
 * always recomputed.
 */
import type { InboundMessage, Reply } from '../core/types.ts';
import type { Engine } from './engine.ts';

const CACHEABLE = new Set<Reply['kind']>(['answer', 'no_answer', 'out_of_scope', 'clarify', 'smalltalk']);

export function keyOf(m: InboundMessage): string {
  const text = m.text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  const context = (m.history ?? []).map((h) => `${h.role}:${h.text}`);
  return JSON.stringify([text, m.audience, m.topic ?? '', m.languageFixed ?? '', m.languageChosen ?? '', m.languageHint ?? '', context]);
}

export function withCache(engine: Engine, size = 2000): Engine {
  const cache = new Map<string, Reply>();
  // The same question arriving from many people at once is computed once.
  const inFlight = new Map<string, Promise<Reply>>();
  return {
    ...engine,
    async handle(message, options) {
      const key = options?.onPartial ? undefined : keyOf(message);
      if (!key) return engine.handle(message, options);
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit); // most recently used last
        return structuredClone(hit);
      }
      const pending = inFlight.get(key);
      if (pending) return structuredClone(await pending);
      const promise = engine.handle(message, options);
      inFlight.set(key, promise);
      try {
        const reply = await promise;
        if (CACHEABLE.has(reply.kind)) {
          cache.set(key, structuredClone(reply));
          if (cache.size > size) cache.delete(cache.keys().next().value!);
        }
        return reply;
      } finally {
        inFlight.delete(key);
      }
    },
  };
}
