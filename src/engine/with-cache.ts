/**
 * Remembers recent replies: people ask the same questions again and again (and tap the same menu
 * entries), and a cached reply costs nothing. Only replies that depend on the message alone are
 * cached: short messages that may be follow-ups, emergencies and handoffs are always recomputed.
 */
import type { InboundMessage, Reply } from '../core/types.ts';
import type { Engine } from './engine.ts';

const CACHEABLE = new Set<Reply['kind']>(['answer', 'no_answer', 'out_of_scope']);
/** Messages with fewer words may be follow-ups whose meaning depends on the conversation. */
const MIN_WORDS = 5;

function keyOf(m: InboundMessage): string | undefined {
  const text = m.text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  if (text.split(' ').length < MIN_WORDS && (m.history?.length ?? 0) > 0) return undefined;
  return JSON.stringify([text, m.audience, m.topic ?? '', m.languageFixed ?? '', m.languageChosen ?? '', m.languageHint ?? '']);
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
