import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Fetcher, sendJson } from '../lib/api-client';
import { AdminTokenDialog } from './admin-token-dialog';

describe('AdminTokenDialog (401 -> token prompt)', () => {
  it('opens when an admin call gets 401 and retries with the typed token', async () => {
    const seen: (string | undefined)[] = [];
    const fetcher: Fetcher = async (_url, init) => {
      const auth = (init?.headers as Record<string, string>).Authorization;
      seen.push(auth);
      return auth === 'Bearer letmein'
        ? new Response(JSON.stringify({ runId: 'r9' }), { status: 202, headers: { 'content-type': 'application/json' } })
        : new Response(JSON.stringify({ title: 'Unauthorized', status: 401 }), {
            status: 401,
            headers: { 'content-type': 'application/problem+json' },
          });
    };
    render(<AdminTokenDialog />);
    expect(screen.queryByRole('dialog')).toBeNull();

    let call!: Promise<{ runId: string }>;
    act(() => {
      call = sendJson<{ runId: string }>('/api/pipeline/runs', { method: 'POST', json: { job: 'all' }, admin: true, fetcher });
    });
    const dialog = await screen.findByRole('dialog', { name: 'Admin token' });
    expect(dialog).toBeTruthy();

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Token'), 'letmein');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await expect(call).resolves.toEqual({ runId: 'r9' });
    expect(seen).toEqual([undefined, 'Bearer letmein']);
    expect(sessionStorage.getItem('vps.adminToken')).toBe('letmein');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('cancelling rejects the call with the 401', async () => {
    const fetcher: Fetcher = async () =>
      new Response(JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'Admin token required' }), {
        status: 401,
        headers: { 'content-type': 'application/problem+json' },
      });
    render(<AdminTokenDialog />);
    let call!: Promise<unknown>;
    act(() => {
      call = sendJson('/api/products/1', { method: 'DELETE', admin: true, fetcher }).catch((e: unknown) => e);
    });
    await screen.findByRole('dialog');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Cancel' }));
    await expect(call).resolves.toMatchObject({ status: 401, message: 'Admin token required' });
  });
});
