import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../../../test/fetch-stub';
import { SearchResult } from '../api/search-api';
import { ResultsGrid } from './results-grid';

const results: SearchResult[] = [
  { productId: 12, score: 0.7, rank: 2, title: 'Green teapot', category: 'kitchen', imageUrl: '/i/12', thumbnailUrl: '/t/12' },
  { productId: 11, score: 0.91234, rank: 1, title: 'Red kettle', category: 'kitchen', imageUrl: '/i/11', thumbnailUrl: '/t/11', price: 19.5 },
];

afterEach(() => vi.unstubAllGlobals());

describe('ResultsGrid', () => {
  it('renders one card per result in rank order with rank, score, title, category and explain link', () => {
    stubFetch({});
    render(<ResultsGrid results={results} explainHref={(r) => `/explain/q1/${r.productId}`} />);
    const cards = screen.getAllByTestId('result-card');
    expect(cards.map((c) => c.getAttribute('data-product-id'))).toEqual(['11', '12']);

    const first = within(cards[0]);
    expect(first.getByTestId('result-rank').textContent).toBe('#1');
    expect(first.getByTestId('result-score').textContent).toBe('0.912');
    expect(first.getByTestId('result-title').textContent).toBe('Red kettle');
    expect(first.getByText('kitchen')).toBeTruthy();
    expect(first.getByTestId('result-price').textContent).toContain('19.50');
    expect(first.getByRole('img', { name: 'Red kettle' }).getAttribute('src')).toBe('/t/11');
    expect(first.getByRole('link', { name: /Why does Red kettle match/ }).getAttribute('href')).toBe('/explain/q1/11');

    expect(within(cards[1]).getByTestId('result-rank').textContent).toBe('#2');
    expect(within(cards[1]).getByTestId('result-score').textContent).toBe('0.700');
  });

  it('says in words how relevant each result is, and fills the bar by relevance', () => {
    stubFetch({});
    const rated: SearchResult[] = [
      { ...results[1], relevance: 0.9 },
      { ...results[0], relevance: 0.1 },
    ];
    render(<ResultsGrid results={rated} explainHref={(r) => `/explain/q1/${r.productId}`} />);
    const cards = screen.getAllByTestId('result-card');
    expect(within(cards[0]).getByTestId('result-relevance').textContent).toBe('Close match');
    expect(within(cards[1]).getByTestId('result-relevance').textContent).toBe('Weak match');
    const bar = cards[1].querySelector('.score-bar span') as HTMLElement;
    expect(bar.style.width).toBe('10%');
  });

  it('loads a missing price from the product once the card is visible', async () => {
    class VisibleObserver {
      constructor(private readonly callback: IntersectionObserverCallback) {}
      observe(target: Element) {
        this.callback([{ isIntersecting: true, target } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
      }
      disconnect() {}
      unobserve() {}
    }
    vi.stubGlobal('IntersectionObserver', VisibleObserver);
    const calls = stubFetch({ 'GET /api/products/12': () => json({ id: 12, title: 'Green teapot', category: 'kitchen', price: 7.25 }) });
    render(<ResultsGrid results={results} explainHref={() => '#'} />);
    const card = screen.getAllByTestId('result-card')[1];
    expect((await within(card).findByTestId('result-price')).textContent).toContain('7.25');
    // The result that already carried a price is not looked up.
    expect(calls.map((c) => c.url)).toEqual(['/api/products/12']);
  });
});
