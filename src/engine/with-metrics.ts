/** Wraps an engine to count reply kinds and measure latency; no text is recorded. */
import type { Metrics } from '../core/metrics.ts';
import type { Engine } from './engine.ts';

export function withMetrics(engine: Engine, metrics: Metrics): Engine {
  return {
    ...engine,
    async handle(message, options) {
      const end = metrics.latency.startTimer();
      const reply = await engine.handle(message, options);
      end();
      metrics.replies.inc({ kind: reply.kind });
      return reply;
    },
  };
}
