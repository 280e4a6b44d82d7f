/**
 * Operators' business hours ("mon-fri 09:00-18:00; sat 09:00-12:00"), holidays, in a time zone.
 * Used to tell a person whether someone is on duty now.
 */
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface BusinessHours {
  isOpen(at: Date): boolean;
  /** The rule as configured, to show to a person. */
  readonly description: string;
}

interface Span {
  days: Set<number>;
  from: number;
  to: number;
}

/** Parses the OPERATOR_HOURS syntax; throws with a readable message when malformed. */
export function parseHours(spec: string): Span[] {
  return spec
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/i.exec(part);
      if (!m) throw new Error(`"${part}" is not like "mon-fri 09:00-18:00"`);
      const a = DAYS.indexOf(m[1]!.toLowerCase());
      const b = m[2] ? DAYS.indexOf(m[2].toLowerCase()) : a;
      if (a < 0 || b < 0) throw new Error(`"${part}": days are sun mon tue wed thu fri sat`);
      const days = new Set<number>();
      for (let d = a; ; d = (d + 1) % 7) {
        days.add(d);
        if (d === b) break;
      }
      return { days, from: Number(m[3]) * 60 + Number(m[4]), to: Number(m[5]) * 60 + Number(m[6]) };
    });
}

export function createBusinessHours(spec: string, holidays: readonly string[], timeZone: string): BusinessHours {
  const spans = parseHours(spec);
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
  return {
    description: spec,
    isOpen(at) {
      const parts = Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]));
      const date = `${parts.year}-${parts.month}-${parts.day}`;
      if (holidays.includes(date)) return false;
      const day = DAYS.indexOf(String(parts.weekday).toLowerCase().slice(0, 3));
      const minute = Number(parts.hour) * 60 + Number(parts.minute);
      return spans.some((s) => s.days.has(day) && minute >= s.from && minute < s.to);
    },
  };
}
