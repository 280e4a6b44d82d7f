/**
 * Prometheus metrics (prom-client) on GET /metrics: counts and latencies only, never text or ids.
 */
import client from 'prom-client';

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    updates: new client.Counter({ name: 'discorsi_updates_total', help: 'Incoming messages and button taps', labelNames: ['channel'], registers: [registry] }),
    replies: new client.Counter({ name: 'discorsi_replies_total', help: 'Replies by kind', labelNames: ['kind'], registers: [registry] }),
    fallbacks: new client.Counter({ name: 'discorsi_generation_fallbacks_total', help: 'Generated answers replaced by the extractive one, by reason', labelNames: ['reason'], registers: [registry] }),
    generated: new client.Counter({ name: 'discorsi_generated_answers_total', help: 'Generated answers that passed verification', registers: [registry] }),
    openCases: new client.Gauge({ name: 'discorsi_open_cases', help: 'Open and claimed cases by priority', labelNames: ['priority'], registers: [registry] }),
    latency: new client.Histogram({ name: 'discorsi_reply_seconds', help: 'Time from message to reply', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
