/** Handoff rules on the real SQLite store, with a controlled clock: queue, hours, reminders, expiry. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.ts';
import { createBusinessHours } from '../../src/handoff/hours.ts';
import { createHandoffService } from '../../src/handoff/service.ts';
import { createHandoffStore } from '../../src/handoff/store.ts';
import { createTranslator } from '../../src/i18n/i18n.ts';
import { createSqliteStorage } from '../../src/storage/sqlite.ts';

function setup(hours = 'mon-fri 09:00-18:00') {
  const storage = createSqliteStorage(':memory:');
  const store = createHandoffStore(storage.db);
  let now = Date.parse('2026-11-25T10:00:00+01:00'); // a Wednesday morning in Turin
  const service = createHandoffService({
    store, translate: createTranslator(), log: createLogger('silent'), operatorTargets: ['slack:operators'], operatorIds: ['slack:UOP1'],
    hours: createBusinessHours(hours, ['2026-12-25'], 'Europe/Rome'), reminderMs: 15 * 60_000, expiryMs: 72 * 3_600_000, now: () => now,
  });
  return { store, service, advance: (ms: number) => (now += ms), outbox: () => store.dueOutbox(Number.MAX_SAFE_INTEGER, 1000) };
}

describe('handoff service', () => {
  it('tells the person their place in the queue and whether someone is on duty, in their language', () => {
    const { service } = setup();
    service.request({ userId: 'u1', channel: 'telegram', address: '1', language: 'it', reason: 'user_request' });
    const second = service.request({ userId: 'u2', channel: 'telegram', address: '2', language: 'en', reason: 'user_request' });
    expect(second.text).toMatch(/number 2 in the queue/);
    expect(second.text).toMatch(/on duty now/);
    const urgent = service.request({ userId: 'u3', channel: 'telegram', address: '3', language: 'en', reason: 'emergency' });
    expect(urgent.text).toMatch(/number 1 in the queue/); // emergencies go first
  });

  it('out of hours: says so, with the emergency number when it is an emergency', () => {
    const { service } = setup('sat 09:00-10:00'); // the clock says Wednesday
    const r = service.request({ userId: 'u1', channel: 'telegram', address: '1', language: 'en', reason: 'emergency' });
    expect(r.text).toMatch(/not on duty now/);
    expect(r.text).toMatch(/112/);
  });

  it('one open case per person: asking again adds to it', () => {
    const { service, store } = setup();
    const a = service.request({ userId: 'u1', channel: 'telegram', address: '1', language: 'it', reason: 'user_request', text: 'prima' });
    const b = service.request({ userId: 'u1', channel: 'telegram', address: '1', language: 'it', reason: 'sensitive', text: 'seconda' });
    expect(b.created).toBe(false);
    expect(b.case.id).toBe(a.case.id);
    expect(store.get(a.case.id)!.priority).toBe(2); // raised to sensitive
    expect(store.messages(a.case.id).map((m) => m.text)).toEqual(['prima', 'seconda']);
  });

  it('reminds operators of an unclaimed case and raises its priority; expires inactive cases and tells the person', () => {
    const { service, store, advance, outbox } = setup();
    const { case: c } = service.request({ userId: 'u1', channel: 'telegram', address: '1', language: 'fr', reason: 'user_request' });
    service.tick();
    expect(outbox().filter((o) => o.payload.type === 'case_card' && o.payload.reminder)).toHaveLength(0);
    advance(16 * 60_000);
    service.tick();
    expect(outbox().filter((o) => o.payload.type === 'case_card' && o.payload.reminder)).toHaveLength(1);
    expect(store.get(c.id)!.priority).toBe(2);
    advance(73 * 3_600_000);
    service.tick();
    expect(store.get(c.id)!.state).toBe('expired');
    const told = outbox().find((o) => o.target === 'telegram:user' && o.payload.type === 'user_text');
    expect(told && told.payload.type === 'user_text' && told.payload.text).toMatch(/\/operator/);
  });

  it('refuses operators outside the allow-list on every action, and records the attempt', () => {
    const { service, store } = setup();
    const { case: c } = service.request({ userId: 'u1', channel: 'telegram', address: '1', language: 'it', reason: 'user_request' });
    expect(service.claim(c.id, 'slack:UBAD', 'Mallory').ok).toBe(false);
    expect(service.claim(c.id, 'slack:UOP1', 'Giulia').ok).toBe(true);
    expect(service.operatorMessage(c.id, 'slack:UBAD', 'ciao')!.ok).toBe(false);
    expect(service.close(c.id, 'slack:UBAD').ok).toBe(false);
    expect(store.get(c.id)!.state).toBe('claimed');
  });
});
