// Typed data errors: PostgREST / Postgres error codes and transport failures
// mapped to a small set of kinds, each with an i18n message key. Raw codes are
// kept for logs and tests only — the UI shows the message key's text.
import type { MessageKey } from '$lib/i18n/sv';

export const DATA_ERROR_KINDS = [
  'permission',
  'auth',
  'check',
  'foreign_key',
  'unique',
  'not_found',
  'network',
  'unavailable',
  'aborted',
  'invalid_data',
  'unknown'
] as const;
export type DataErrorKind = (typeof DATA_ERROR_KINDS)[number];

export const DATA_ERROR_MESSAGES: Readonly<Record<DataErrorKind, MessageKey>> = {
  permission: 'error.permission',
  auth: 'error.auth',
  check: 'error.check',
  foreign_key: 'error.foreignKey',
  unique: 'error.unique',
  not_found: 'error.notFound',
  network: 'error.network',
  unavailable: 'error.unavailable',
  aborted: 'error.aborted',
  invalid_data: 'error.invalidData',
  unknown: 'error.unknown'
};

export class DataError extends Error {
  override readonly name = 'DataError';
  readonly kind: DataErrorKind;
  /** The Postgres/PostgREST code or HTTP status behind the error, for diagnostics only. */
  readonly code: string | null;

  constructor(kind: DataErrorKind, message: string, code: string | null = null) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  get messageKey(): MessageKey {
    return DATA_ERROR_MESSAGES[this.kind];
  }
}

/** The parts of a supabase-js / PostgREST error (and response) that the mapping reads. */
export interface ErrorLike {
  code?: string | null;
  message?: string | null;
  details?: string | null;
  hint?: string | null;
}

const CODE_KINDS: Readonly<Record<string, DataErrorKind>> = {
  '42501': 'permission', // insufficient_privilege (also raised by our triggers)
  '23514': 'check', // check_violation
  '23502': 'check', // not_null_violation
  '22P02': 'check', // invalid_text_representation (e.g. a malformed uuid)
  '22007': 'check', // invalid_datetime_format
  '22008': 'check', // datetime_field_overflow
  '23503': 'foreign_key', // foreign_key_violation (also unknown theme keys)
  '23505': 'unique', // unique_violation
  PGRST116: 'not_found', // .single() saw no row
  PGRST301: 'auth', // JWT invalid / expired
  PGRST302: 'auth', // anonymous access disabled
  PGRST002: 'unavailable', // schema cache not loaded yet
  PGRST001: 'unavailable', // could not connect to the database
  PGRST000: 'unavailable'
};

function kindFromStatus(status: number | undefined): DataErrorKind | null {
  if (status === undefined) return null;
  if (status === 0) return 'network';
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 409) return 'unique';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return null;
}

function isAbort(error: ErrorLike | Error): boolean {
  const message = error.message ?? '';
  return (
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) ||
    message.startsWith('AbortError') ||
    ('hint' in error &&
      typeof error.hint === 'string' &&
      error.hint.startsWith('Request was aborted'))
  );
}

/**
 * Maps anything a data call can fail with to a DataError.
 * @param status the HTTP status of the response, when there was one (0 = no response)
 */
export function toDataError(error: unknown, status?: number): DataError {
  if (error instanceof DataError) return error;
  const like: ErrorLike | Error =
    error instanceof Error || (typeof error === 'object' && error !== null)
      ? (error as ErrorLike | Error)
      : { message: String(error) };
  const message = like.message || 'Unknown error';
  const code =
    'code' in like && typeof like.code === 'string' && like.code !== '' ? like.code : null;

  if (isAbort(like)) return new DataError('aborted', message, code);
  const byCode = code ? CODE_KINDS[code] : undefined;
  if (byCode) return new DataError(byCode, message, code);
  const byStatus = kindFromStatus(status);
  if (byStatus) return new DataError(byStatus, message, code ?? String(status));
  if (error instanceof TypeError) return new DataError('network', message, code);
  return new DataError('unknown', message, code);
}

/** A supabase-js response, as the unwrap below reads it. */
export interface DataResponse<T> {
  data: T | null;
  error: ErrorLike | null;
  status: number;
}

/** A response's data, or its error as a DataError. */
export function unwrap<T>(response: DataResponse<T>): T {
  if (response.error) throw toDataError(response.error, response.status);
  return response.data as T;
}
