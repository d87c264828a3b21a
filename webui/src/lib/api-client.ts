import { clearAdminToken, getAdminToken, requestAdminToken, setAdminToken } from './admin-token';

/** One error type for every failed API call, built from the server's problem+json when there is one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly type: string = 'about:blank',
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }

  /** True when the route itself is missing (e.g. a feature the server does not offer yet). */
  get isNotFound(): boolean {
    return this.status === 404;
  }
}

export type Fetcher = typeof fetch;

export interface ApiRequest {
  method?: string;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is (FormData for multipart: the browser sets the boundary). */
  body?: BodyInit;
  /** Admin routes carry `Authorization: Bearer <token>`; a 401 asks the user for a token and retries. */
  admin?: boolean;
  signal?: AbortSignal;
  accept?: string;
  /** Injected by tests; defaults to the global fetch looked up at call time. */
  fetcher?: Fetcher;
}

const MAX_TOKEN_PROMPTS = 2;

export async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const problem = await response.json();
      return new ApiError(
        response.status,
        problem.title ?? response.statusText,
        problem.detail ?? '',
        problem.type ?? 'about:blank',
      );
    } catch {
      // fall through to the generic error below
    }
  }
  const title = response.statusText || `HTTP ${response.status}`;
  return new ApiError(response.status, title, `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
}

function buildInit(req: ApiRequest, token: string | null): RequestInit {
  const headers: Record<string, string> = { Accept: req.accept ?? 'application/json' };
  let body = req.body;
  if (req.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(req.json);
  }
  if (req.admin && token) headers.Authorization = `Bearer ${token}`;
  return { method: req.method ?? (body ? 'POST' : 'GET'), headers, body, signal: req.signal };
}

/** Sends a request and returns the successful Response; every failure becomes an ApiError. */
export async function apiFetch(url: string, req: ApiRequest = {}): Promise<Response> {
  const fetcher: Fetcher = req.fetcher ?? ((input, init) => fetch(input, init));
  let token = req.admin ? getAdminToken() : null;
  for (let prompts = 0; ; prompts++) {
    let response: Response;
    try {
      response = await fetcher(url, buildInit(req, token));
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, 'Network error', 'The server could not be reached. Is it running?');
    }
    if (response.ok) return response;
    if (response.status === 401 && req.admin && prompts < MAX_TOKEN_PROMPTS) {
      if (token) clearAdminToken();
      const next = await requestAdminToken(token ? 'rejected' : 'missing');
      if (next) {
        setAdminToken(next);
        token = next;
        continue;
      }
    }
    throw await toApiError(response);
  }
}

export async function getJson<T>(url: string, req: ApiRequest = {}): Promise<T> {
  const response = await apiFetch(url, req);
  return (await response.json()) as T;
}

/** For writes: parses a JSON answer when there is one, undefined for 204 or an empty body. */
export async function sendJson<T>(url: string, req: ApiRequest): Promise<T> {
  const response = await apiFetch(url, req);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

/** A short sentence for an error state. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 404 && !e.detail.startsWith('The server answered')) return e.message;
    if (e.status === 404) return 'This part of the API is not available on the server yet (404).';
    return e.message;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}
