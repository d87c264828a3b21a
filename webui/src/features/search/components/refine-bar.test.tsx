import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, RecordedCall, stubFetch } from '../../../test/fetch-stub';
import { resetSearchState } from '../hooks/search-store';
import { SearchPage } from './search-page';

const result = (productId: number, rank: number, title: string) => ({
  productId,
  score: 0.9 - rank / 10,
  rank,
  title,
  category: 'kitchen',
  imageUrl: `/i/${productId}`,
  thumbnailUrl: `/t/${productId}`,
});

const FIRST = { queryId: 'q-1', model: 'm', index: 'exact', mode: 'exact', tookMs: 9, results: [result(7, 1, 'Red mug'), result(8, 2, 'Blue mug')] };
const REFINED = { ...FIRST, tookMs: 4, results: [result(9, 1, 'Green mug'), result(10, 2, 'Teal mug')] };

let calls: RecordedCall[];

beforeEach(() => {
  resetSearchState();
  calls = stubFetch({
    'GET /api/categories': () => json([]),
    'POST /api/search/examples': () => json(REFINED),
    'POST /api/search': () => json(FIRST),
    'POST /api/feedback': () => new Response(null, { status: 204 }),
  });
});

afterEach(() => {
  resetSearchState();
  vi.unstubAllGlobals();
});

describe('relevance feedback on the search page', () => {
  it('sends each mark as feedback on the query and refines from the marks with the photo as a positive', async () => {
    const user = userEvent.setup();
    render(<SearchPage />);
    await user.upload(screen.getByTestId('search-drop-input'), new File([new Uint8Array([137, 80])], 'mug.png', { type: 'image/png' }));
    const cards = await screen.findAllByTestId('result-card');
    expect(screen.getByTestId('refine-hint')).toBeTruthy();

    await user.click(within(cards[1]).getByTestId('verdict-good'));
    await user.click(within(cards[0]).getByTestId('verdict-bad'));
    expect(within(cards[1]).getByTestId('verdict-good').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('refine-counts').textContent).toBe('1 good, 1 not a match');

    await waitFor(() => expect(calls.filter((c) => c.url === '/api/feedback')).toHaveLength(2));
    const verdicts = calls.filter((c) => c.url === '/api/feedback').map((c) => JSON.parse(String(c.body)));
    expect(verdicts).toEqual([
      { queryId: 'q-1', productId: 8, verdict: 'good' },
      { queryId: 'q-1', productId: 7, verdict: 'bad' },
    ]);

    await user.selectOptions(screen.getByTestId('refine-strategy'), 'best');
    await user.click(screen.getByTestId('refine-button'));
    await waitFor(() => expect(screen.getAllByTestId('result-title').map((t) => t.textContent)).toEqual(['Green mug', 'Teal mug']));
    const refine = calls.find((c) => c.url === '/api/search/examples')!;
    expect(JSON.parse(String(refine.body))).toEqual({ positive: [8], negative: [7], queryId: 'q-1', strategy: 'best', k: 24 });
    expect(screen.getByRole('button', { name: 'Back to the plain search' })).toBeTruthy();
  });

  it('a second click on the same mark clears it and sends nothing more', async () => {
    const user = userEvent.setup();
    render(<SearchPage />);
    await user.upload(screen.getByTestId('search-drop-input'), new File([new Uint8Array([137, 80])], 'mug.png', { type: 'image/png' }));
    const cards = await screen.findAllByTestId('result-card');
    await user.click(within(cards[0]).getByTestId('verdict-good'));
    await user.click(within(cards[0]).getByTestId('verdict-good'));
    expect(within(cards[0]).getByTestId('verdict-good').getAttribute('aria-pressed')).toBe('false');
    expect(calls.filter((c) => c.url === '/api/feedback')).toHaveLength(1);
    expect(screen.getByTestId('refine-hint')).toBeTruthy();
  });
});
