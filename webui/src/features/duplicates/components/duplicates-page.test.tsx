import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, problem, stubFetch } from '../../../test/fetch-stub';
import { DuplicatesReport } from '../api/duplicates-api';
import { DuplicatesPage } from './duplicates-page';

afterEach(() => vi.unstubAllGlobals());

function report(threshold: number): DuplicatesReport {
  const pairs = [
    { a: 3, b: 9, score: 0.991 },
    { a: 4, b: 7, score: 0.912 },
  ].filter((p) => p.score >= threshold);
  return {
    threshold,
    pairs,
    total: pairs.length,
    products: [
      { id: 3, title: 'Red Shoe', category: 'Shoes', imageUrl: '/api/products/3/image', thumbnailUrl: '/api/products/3/thumbnail' },
      { id: 9, title: 'Red Shoe (copy)', category: 'Shoes', imageUrl: '/api/products/9/image', thumbnailUrl: '/api/products/9/thumbnail' },
      { id: 4, title: 'Lamp', category: 'Home', imageUrl: '/api/products/4/image', thumbnailUrl: '/api/products/4/thumbnail' },
      { id: 7, title: 'Lamp, brass', category: 'Home', imageUrl: '/api/products/7/image', thumbnailUrl: '/api/products/7/thumbnail' },
    ].filter((p) => pairs.some((pair) => pair.a === p.id || pair.b === p.id)),
    space: 'inception|w1',
    indexed: 562,
    neighbours: 5,
    computedAt: '2026-01-01T10:00:00Z',
    computeMs: 12.5,
    stale: false,
  };
}

describe('DuplicatesPage', () => {
  it('shows each pair side by side with both images, titles, the score and links to the products', async () => {
    stubFetch({ 'GET /api/products/duplicates': () => json(report(0.9)) });
    render(<DuplicatesPage />);

    const pairs = await screen.findAllByTestId('duplicate-pair');
    expect(pairs).toHaveLength(2);
    const first = within(pairs[0]);
    expect(first.getByTestId('duplicate-score').textContent).toBe('0.991');
    expect(first.getByRole('img', { name: 'Red Shoe' }).getAttribute('src')).toBe('/api/products/3/image');
    expect(first.getByRole('img', { name: 'Red Shoe (copy)' }).getAttribute('src')).toBe('/api/products/9/image');
    const links = first.getAllByTestId('duplicate-side').map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/products/3', '/products/9']);
    expect(first.getByRole('link', { name: 'Why alike?' }).getAttribute('href')).toBe('/explain/product/3/9');
    expect(screen.getByTestId('duplicates-summary').textContent).toContain('2 pairs at score ≥ 0.9 among 562 products');
  });

  it('asks the server again with the threshold typed in, and says when nothing is that close', async () => {
    const calls = stubFetch({
      'GET /api/products/duplicates': (call) => {
        const t = new URL(call.url, 'http://x').searchParams.get('threshold');
        return json(report(t == null ? 0.9 : Number(t)));
      },
    });
    render(<DuplicatesPage />);
    expect(await screen.findAllByTestId('duplicate-pair')).toHaveLength(2);
    expect(calls[0].url).toBe('/api/products/duplicates');

    const user = userEvent.setup();
    await user.type(screen.getByTestId('duplicates-threshold'), '0.95');
    await waitFor(() => expect(screen.getAllByTestId('duplicate-pair')).toHaveLength(1));
    expect(calls.at(-1)!.url).toBe('/api/products/duplicates?threshold=0.95');

    await user.clear(screen.getByTestId('duplicates-threshold'));
    await user.type(screen.getByTestId('duplicates-threshold'), '0.999');
    expect(await screen.findByText('No near-duplicates')).toBeTruthy();
  });

  it('does not send a threshold outside (0, 1] and says why', async () => {
    const calls = stubFetch({ 'GET /api/products/duplicates': () => json(report(0.9)) });
    render(<DuplicatesPage />);
    await screen.findAllByTestId('duplicate-pair');

    await userEvent.setup().type(screen.getByTestId('duplicates-threshold'), '1.5');
    expect((await screen.findByRole('alert')).textContent).toContain('at most 1');
    await new Promise((r) => setTimeout(r, 400));
    expect(calls.every((c) => !c.url.includes('threshold=1.5'))).toBe(true);
  });

  it('shows the server problem as a readable error', async () => {
    stubFetch({ 'GET /api/products/duplicates': () => problem(503, 'Service unavailable', 'The duplicates report is being computed') });
    render(<DuplicatesPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('being computed');
  });
});
