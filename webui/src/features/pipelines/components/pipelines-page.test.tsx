import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setAdminToken } from '../../../lib/admin-token';
import { json, stubFetch } from '../../../test/fetch-stub';
import { PipelinesPage } from './pipelines-page';

afterEach(() => vi.unstubAllGlobals());

const runs = [
  { id: 1, job: 'embed', status: 'succeeded', progress: 1, message: 'done', startedAt: '2025-01-01T10:00:00Z', finishedAt: '2025-01-01T10:01:00Z' },
  { id: 2, job: 'index', status: 'running', progress: 0.25, message: 'building', startedAt: '2025-01-02T10:00:00Z', finishedAt: null },
];

describe('PipelinesPage', () => {
  it('lists runs newest first with status and progress, and starts a job as an admin call', async () => {
    setAdminToken('tok');
    const calls = stubFetch({
      'GET /api/pipeline/runs': () => json(runs),
      'POST /api/pipeline/runs': () => json({ runId: '3' }, 202),
      'GET /api/index/status': () =>
        json({ backend: 'faiss', model: 'resnet50', dim: 2048, size: 562, builtAt: null, stale: true, pendingEmbeddings: 4 }),
    });
    render(<PipelinesPage />);

    const rows = await screen.findAllByTestId('pipeline-run-row');
    expect(rows.map((r) => r.getAttribute('data-status'))).toEqual(['running', 'succeeded']);
    expect(within(rows[0]).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25');
    expect((await screen.findByTestId('index-stale')).textContent).toBe('stale');

    await userEvent.setup().click(screen.getByTestId('pipeline-start-cluster'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url).toBe('/api/pipeline/runs');
    expect(post.body).toBe('{"job":"cluster"}');
    expect(post.headers.Authorization).toBe('Bearer tok');
  });
});
