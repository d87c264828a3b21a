import { describe, expect, it } from 'vitest';
import { ApiError, getJson } from './api-client';

function respond(status: number, body: unknown, contentType: string): typeof fetch {
  return async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });
}

describe('getJson', () => {
  it('returns the parsed body of a successful answer', async () => {
    const body = await getJson<{ total: number }>('/api/products', respond(200, { total: 3 }, 'application/json'));
    expect(body.total).toBe(3);
  });

  it('turns problem+json into an ApiError with the server detail', async () => {
    const problem = { title: 'Not found', status: 404, detail: 'Product 9 does not exist' };
    const error = (await getJson('/api/products/9', respond(404, problem, 'application/problem+json')).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.message).toBe('Product 9 does not exist');
  });

  it('still gives a readable error when the body is not JSON', async () => {
    const fetcher: typeof fetch = async () => new Response('oops', { status: 502, statusText: 'Bad Gateway' });
    const error = (await getJson('/api/x', fetcher).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.message).toContain('502');
  });
});
