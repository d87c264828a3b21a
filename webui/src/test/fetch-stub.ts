import { vi } from 'vitest';

export interface RecordedCall {
  url: string;
  method: string;
  body: BodyInit | null | undefined;
  headers: Record<string, string>;
}

type Handler = (call: RecordedCall) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export function problem(status: number, title: string, detail = ''): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/**
 * Replaces the global fetch with a router of `"METHOD /path-prefix"` -> handler (longest prefix wins);
 * unknown routes answer a bare 404 like a server without that feature. Returns the recorded calls.
 */
export function stubFetch(routes: Record<string, Handler>): RecordedCall[] {
  const calls: RecordedCall[] = [];
  const keys = Object.keys(routes).sort((a, b) => b.length - a.length);
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = (init.method ?? 'GET').toUpperCase();
    const call: RecordedCall = { url, method, body: init.body, headers: (init.headers as Record<string, string>) ?? {} };
    calls.push(call);
    const key = keys.find((k) => {
      const [m, prefix] = k.split(' ');
      return m === method && url.startsWith(prefix);
    });
    return key ? routes[key](call) : new Response('', { status: 404, statusText: 'Not Found' });
  });
  return calls;
}
