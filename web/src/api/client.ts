// One way to talk to the regenpath API: JSON in and out, the session cookie sent by the
// browser, the CSRF token echoed on every state-changing request, the language the user
// chose (so the server explains a refusal in it), and errors turned into ApiError
// carrying the server's {code, message, field} so a form can show the message beside
// the field it names.
import { prefs } from '../i18n/prefs'

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly field: string | null,
  ) {
    super(message)
  }
}

let csrfToken = ''

export function setCsrfToken(token: string): void {
  csrfToken = token
}

function csrfFromCookie(): string {
  const m = document.cookie.match(/(?:^|;\s*)rp_csrf=([^;]+)/)
  return m ? decodeURIComponent(m[1]) : ''
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

async function call<T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const h: Record<string, string> = { Accept: 'application/json', 'Accept-Language': prefs.lang, ...headers }
  if (body !== undefined) h['Content-Type'] = 'application/json'
  if (method !== 'GET') h['X-CSRF-Token'] = csrfToken || csrfFromCookie()
  let res: Response
  try {
    res = await fetch(path, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached', null)
  }
  const text = await res.text()
  let json: unknown = null
  if (text) {
    try {
      json = JSON.parse(text)
    } catch {
      throw new ApiError(res.status, 'bad_response', `Unexpected answer from the server (${res.status})`, null)
    }
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; field?: string | null } } | null)?.error
    throw new ApiError(res.status, e?.code ?? 'http_' + res.status, e?.message ?? res.statusText, e?.field ?? null)
  }
  return json as T
}

export const api = {
  get: <T>(path: string) => call<T>('GET', path),
  post: <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
  put: <T>(path: string, body: unknown) => call<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => call<T>('PATCH', path, body),
}

// Builds a query string, leaving out empty values.
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v))
  const s = q.toString()
  return s ? '?' + s : ''
}

// A fresh Idempotency-Key for a creating POST, so a retried click never makes two rows.
export function idempotencyKey(): Record<string, string> {
  return { 'Idempotency-Key': crypto.randomUUID() }
}
