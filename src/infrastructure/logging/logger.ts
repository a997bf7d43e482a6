import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Paths that may carry secrets; pino replaces them before a line is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  '*.password',
  'access_token',
  '*.access_token',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'authorization',
  'cookie',
];

export interface LoggerInput {
  readonly level: string;
  /** Human-readable lines (pino-pretty), for development on a terminal. */
  readonly pretty?: boolean;
  /** Where JSON lines go (default stdout); tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerInput): Logger {
  const base: LoggerOptions = {
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'taskhex' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.pretty && prettyAvailable()) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}

/** pino-pretty is a development dependency: an install with --omit=dev logs JSON instead of failing. */
function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
