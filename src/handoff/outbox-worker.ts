/**
 * Delivers outbox items through the deliverer registered for their target. An item is marked
 * sent right after its delivery succeeds; failures are retried with backoff. Items of one case are
 * delivered in order: after a failure, the case's later items wait for the next round.
 * Pending items survive a crash and are delivered after restart.
 */
import type { Logger } from '../core/logger.ts';
import type { HandoffStore } from './store.ts';
import type { OutboxItem } from './types.ts';

export type Deliverer = (item: OutboxItem) => Promise<void>;

const MAX_ATTEMPTS = 12;

export function createOutboxWorker(store: HandoffStore, log: Logger, options: { intervalMs?: number; now?: () => number } = {}) {
  const deliverers = new Map<string, Deliverer>();
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function drain(): Promise<void> {
    do {
      again = false;
      const blocked = new Set<string>();
      for (const item of store.dueOutbox(now())) {
        const key = item.caseId ?? `item:${item.id}`;
        const deliver = deliverers.get(item.target);
        if (!deliver || blocked.has(key)) {
          blocked.add(key);
          continue;
        }
        try {
          await deliver(item);
          store.markSent(item.id, now());
        } catch (err) {
          blocked.add(key);
          const attempts = item.attempts + 1;
          const retryAt = attempts >= MAX_ATTEMPTS ? undefined : now() + Math.min(60_000, 500 * 2 ** attempts);
          store.markFailed(item.id, now(), (err as Error).message?.slice(0, 200) ?? 'error', retryAt);
          log.warn({ target: item.target, attempts, gaveUp: retryAt === undefined }, 'outbox delivery failed');
        }
      }
    } while (again && !stopped);
  }

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = undefined;
    });
  }

  return {
    register(target: string, deliver: Deliverer) {
      deliverers.set(target, deliver);
      kick();
    },
    kick,
    start() {
      stopped = false;
      timer = setInterval(kick, options.intervalMs ?? 1000);
      timer.unref();
      kick();
    },
    /** Stops polling and waits for the delivery in progress. */
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    /** Resolves when nothing is being delivered (tests, shutdown). */
    idle: () => running ?? Promise.resolve(),
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
