/**
 * The only reader of the environment. Validates every variable once with zod and hands out a
 * typed, frozen object; a bad value stops start-up with one line per problem (exit code 2).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { LANGUAGES } from './core/languages.ts';
import { UsageError } from './core/errors.ts';
import { parseHours } from './handoff/hours.ts';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const intIn = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const numberIn = (min: number, max: number, fallback: number) =>
  z.coerce.number().min(min).max(max).default(fallback);

const operatorId = z
  .string()
  .regex(/^(slack:[A-Z0-9]+|telegram:-?\d+)$/, 'each entry must look like slack:U123ABC or telegram:123456');

const schema = z
  .object({
    DATA_DIR: z.string().default('./data'),
    KNOWLEDGE_DIR: z.string().default('./knowledge'),
    DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('it'),
    TELEGRAM_BOT_TOKEN: optionalString.pipe(
      z.string().regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-xyz (from BotFather)').optional(),
    ),
    TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
    TELEGRAM_WEBHOOK_URL: optionalString.pipe(z.url().optional()),
    TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(
      z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'only letters, digits, _ and - (1-256)').optional(),
    ),
    TELEGRAM_OPERATORS_CHAT_ID: optionalString.pipe(z.string().regex(/^-?\d+$/, 'must be a numeric chat id').optional()),
    TELEGRAM_MERGE_WINDOW_MS: intIn(0, 30_000, 1500),
    SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
    SLACK_API_URL: optionalString.pipe(z.url().optional()),
    SLACK_OPERATORS_CHANNEL: optionalString.pipe(z.string().regex(/^[CGD][A-Z0-9]+$/, 'must be a channel id like C0123ABC').optional()),
    OPERATOR_IDS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(operatorId)),
    PORT: intIn(0, 65_535, 3000),
    OPERATOR_HOURS: z.string().default('mon-fri 09:00-18:00').refine((v) => {
      try {
        parseHours(v);
        return true;
      } catch {
        return false;
      }
    }, 'must look like "mon-fri 09:00-18:00; sat 09:00-12:00"'),
    OPERATOR_HOLIDAYS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'each holiday must be a date like 2026-12-25'))),
    TIMEZONE: z.string().default('Europe/Rome').refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'is not a known time zone (e.g. Europe/Rome)'),
    HANDOFF_REMINDER_MINUTES: numberIn(0.05, 10_080, 15),
    HANDOFF_EXPIRY_HOURS: numberIn(0.01, 8_760, 72),
    HOST: z.string().default('0.0.0.0'),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
    OPENAI_MODEL: z.string().default('gpt-4o-mini'),
    OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
    OPENAI_TIMEOUT_MS: intIn(500, 120_000, 8000),
    EMBEDDINGS: z.enum(['local', 'openai']).default('local'),
    RETENTION_DAYS: intIn(1, 3650, 90),
    CONFIDENCE_THRESHOLD: numberIn(0, 1, 0.35),
    MAX_MESSAGE_CHARS: intIn(200, 20_000, 2000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET)
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: 'is required when TELEGRAM_WEBHOOK_URL is set' });
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_BOT_TOKEN)
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: 'is required when TELEGRAM_WEBHOOK_URL is set' });
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN)
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)' });
    if ((env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) && !env.SLACK_BOT_TOKEN)
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set' });
    if (env.EMBEDDINGS === 'openai' && !env.OPENAI_API_KEY)
      ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: 'is required when EMBEDDINGS=openai' });
  });

type Parsed = z.output<typeof schema>;

/** Typed configuration, grouped by concern. */
export interface Config {
  dataDir: string;
  knowledgeDir: string;
  indexDir: string;
  defaultLanguage: Parsed['DEFAULT_LANGUAGE'];
  logLevel: Parsed['LOG_LEVEL'];
  port: number;
  host: string;
  retentionDays: number;
  engine: { confidenceThreshold: number; maxMessageChars: number };
  embeddings: { kind: 'local' | 'openai'; model: string };
  openai?: { apiKey: string; baseURL?: string; model: string; timeoutMs: number };
  telegram?: {
    token: string;
    apiRoot: string;
    webhookUrl?: string;
    webhookSecret?: string;
    operatorsChatId?: number;
    mergeWindowMs: number;
  };
  slack?: { botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string; operatorsChannel?: string };
  operatorIds: readonly string[];
  handoff: { hours: string; holidays: readonly string[]; timeZone: string; reminderMs: number; expiryMs: number };
}

/** Reads `.env` in the working directory, if present; real environment variables win over it. */
function readDotEnv(cwd: string): Record<string, string> {
  const file = path.join(cwd, '.env');
  if (!fs.existsSync(file)) return {};
  return parseEnv(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

/** Validates the environment; throws UsageError with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Readonly<Config> {
  const merged = { ...readDotEnv(cwd), ...env };
  const result = schema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.join('.') || 'configuration';
      const shown = name in merged && !/TOKEN|SECRET|KEY/.test(name) ? ` (got "${String(merged[name]).slice(0, 40)}")` : '';
      return `${name}: ${issue.message}${shown}`;
    });
    throw new UsageError(problems);
  }
  const e = result.data;
  const dataDir = path.resolve(cwd, e.DATA_DIR);
  const config: Config = {
    dataDir,
    knowledgeDir: path.resolve(cwd, e.KNOWLEDGE_DIR),
    indexDir: path.join(dataDir, 'index'),
    defaultLanguage: e.DEFAULT_LANGUAGE,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    host: e.HOST,
    retentionDays: e.RETENTION_DAYS,
    engine: { confidenceThreshold: e.CONFIDENCE_THRESHOLD, maxMessageChars: e.MAX_MESSAGE_CHARS },
    embeddings: { kind: e.EMBEDDINGS, model: e.OPENAI_EMBEDDING_MODEL },
    openai: e.OPENAI_API_KEY
      ? { apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS }
      : undefined,
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
          webhookUrl: e.TELEGRAM_WEBHOOK_URL,
          webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
          operatorsChatId: e.TELEGRAM_OPERATORS_CHAT_ID ? Number(e.TELEGRAM_OPERATORS_CHAT_ID) : undefined,
          mergeWindowMs: e.TELEGRAM_MERGE_WINDOW_MS,
        }
      : undefined,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
          operatorsChannel: e.SLACK_OPERATORS_CHANNEL,
        }
      : undefined,
    operatorIds: Object.freeze(e.OPERATOR_IDS),
    handoff: {
      hours: e.OPERATOR_HOURS, holidays: e.OPERATOR_HOLIDAYS, timeZone: e.TIMEZONE,
      reminderMs: e.HANDOFF_REMINDER_MINUTES * 60_000, expiryMs: e.HANDOFF_EXPIRY_HOURS * 3_600_000,
    },
  };
  return Object.freeze(config);
}
