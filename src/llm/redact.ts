/**
 * Removes personal data before text leaves the machine: phone numbers, e-mail addresses, Italian
 * fiscal codes, IBANs, document and permit numbers become placeholders ([PHONE_1]…), restored in
 * what comes back when needed.
 */
export interface Redacted {
  text: string;
  /** Placeholder → original value. */
  map: Map<string, string>;
}

const PATTERNS: [string, RegExp][] = [
  ['EMAIL', /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu],
  ['IBAN', /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,4})?\b/g],
  ['FISCAL_CODE', /\b[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z]\b/gi],
  // Permit, passport and identity-card numbers: letters and digits mixed, 7-12 characters.
  ['DOCUMENT', /\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{7,12}\b/g],
  // Phone numbers: 8+ digits with optional +, spaces, dots or dashes (public helplines are kept).
  ['PHONE', /(?<![\p{N}])(?:\+|00)?\d(?:[\s.-]?\d){7,13}(?![\p{N}])/gu],
];

/** Public numbers people may repeat in a question: not personal, kept as they are. */
const PUBLIC_NUMBERS = new Set(['800290290', '800939000', '01101124300', '800901010', '0223272327']);

export function redact(text: string): Redacted {
  const map = new Map<string, string>();
  const counters = new Map<string, number>();
  let out = text;
  for (const [label, re] of PATTERNS) {
    out = out.replace(re, (match) => {
      if (label === 'PHONE' && PUBLIC_NUMBERS.has(match.replace(/\D/g, ''))) return match;
      const existing = [...map.entries()].find(([, v]) => v === match)?.[0];
      if (existing) return existing;
      const n = (counters.get(label) ?? 0) + 1;
      counters.set(label, n);
      const placeholder = `[${label}_${n}]`;
      map.set(placeholder, match);
      return placeholder;
    });
  }
  return { text: out, map };
}

/** Puts the original values back where the placeholders came back. */
export function restore(text: string, map: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [placeholder, value] of map) out = out.split(placeholder).join(value);
  return out;
}
