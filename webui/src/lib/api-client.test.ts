import { describe, expect, it, vi } from 'vitest';
import { getAdminToken, registerTokenPrompt, setAdminToken } from './admin-token';
import { ApiError, describeError, Fetcher, getJson, sendJson } from './api-client';

function respond(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': contentType } });
}

function recorder(...responses: Response[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher: Fetcher = async (input, init) => {
    calls.push({ url: String(input), init: init ?? {} });
    const next = responses.shift();
    if (!next) throw new Error('unexpected call');
    return next;
  };
  return { calls, fetcher };
}

function authHeader(init: RequestInit): string | undefined {
  return (init.headers as Record<string, string>).Authorization;
}

describe('getJson', () => {
  it('returns the parsed body of a successful answer', async () => {
    const { fetcher } = recorder(respond(200, { total: 3 }));
    const body = await getJson<{ total: number }>('/api/products', { fetcher });
    expect(body.total).toBe(3);
  });

  it('turns problem+json into an ApiError with status, title, detail and type', async () => {
    const problem = { type: 'urn:problem:not-found', title: 'Not found', status: 404, detail: 'Product 9 does not exist' };
    const { fetcher } = recorder(respond(404, problem, 'application/problem+json'));
    const error = await getJson('/api/products/9', { fetcher }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, title: 'Not found', detail: 'Product 9 does not exist', type: 'urn:problem:not-found' });
    expect((error as ApiError).message).toBe('Product 9 does not exist');
    expect(describeError(error)).toBe('Product 9 does not exist');
  });

  it('still gives a readable error when the body is not JSON', async () => {
    const fetcher: Fetcher = async () => new Response('oops', { status: 502, statusText: 'Bad Gateway' });
    const error = (await getJson('/api/x', { fetcher }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.message).toContain('502');
  });

  it('describes a bare 404 (route not there yet) as a missing feature', async () => {
    const fetcher: Fetcher = async () => new Response('', { status: 404, statusText: 'Not Found' });
    const error = await getJson('/api/clusters', { fetcher }).catch((e: unknown) => e);
    expect(describeError(error)).toMatch(/not available on the server yet/);
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    const fetcher: Fetcher = async () => {
      throw new TypeError('Failed to fetch');
    };
    const error = (await getJson('/api/x', { fetcher }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
  });
});

describe('admin calls', () => {
  it('send the stored token as a bearer header only on admin routes', async () => {
    setAdminToken('s3cret');
    const { calls, fetcher } = recorder(respond(200, []), respond(202, { runId: 'r1' }));
    await getJson('/api/products', { fetcher });
    await sendJson('/api/pipeline/runs', { method: 'POST', json: { job: 'index' }, admin: true, fetcher });
    expect(authHeader(calls[0].init)).toBeUndefined();
    expect(authHeader(calls[1].init)).toBe('Bearer s3cret');
    expect((calls[1].init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(calls[1].init.body).toBe('{"job":"index"}');
  });

  it('ask for a token on 401, store it and retry once with it', async () => {
    const prompt = vi.fn(async () => 'fresh-token');
    const unregister = registerTokenPrompt(prompt);
    try {
      const { calls, fetcher } = recorder(
        respond(401, { title: 'Unauthorized', status: 401 }, 'application/problem+json'),
        respond(204, undefined),
      );
      await sendJson('/api/products/4', { method: 'DELETE', admin: true, fetcher });
      expect(prompt).toHaveBeenCalledWith('missing');
      expect(calls).toHaveLength(2);
      expect(authHeader(calls[0].init)).toBeUndefined();
      expect(authHeader(calls[1].init)).toBe('Bearer fresh-token');
      expect(getAdminToken()).toBe('fresh-token');
    } finally {
      unregister();
    }
  });

  it('say the token was rejected when a stored one gets 401, and forget it', async () => {
    setAdminToken('stale');
    const prompt = vi.fn(async () => null);
    const unregister = registerTokenPrompt(prompt);
    try {
      const { calls, fetcher } = recorder(respond(401, { title: 'Unauthorized', status: 401, detail: 'Bad token' }, 'application/problem+json'));
      const error = (await sendJson('/api/products/4', { method: 'DELETE', admin: true, fetcher }).catch((e: unknown) => e)) as ApiError;
      expect(prompt).toHaveBeenCalledWith('rejected');
      expect(calls).toHaveLength(1);
      expect(error.status).toBe(401);
      expect(getAdminToken()).toBeNull();
    } finally {
      unregister();
    }
  });

  it('do not prompt for a 401 on a non-admin route', async () => {
    const prompt = vi.fn(async () => 'x');
    const unregister = registerTokenPrompt(prompt);
    try {
      const { fetcher } = recorder(respond(401, { title: 'Unauthorized', status: 401 }, 'application/problem+json'));
      await expect(getJson('/api/products', { fetcher })).rejects.toMatchObject({ status: 401 });
      expect(prompt).not.toHaveBeenCalled();
    } finally {
      unregister();
    }
  });
});
