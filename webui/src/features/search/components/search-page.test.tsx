import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, RecordedCall, stubFetch } from '../../../test/fetch-stub';
import { resetSearchState } from '../hooks/search-store';
import { SearchPage } from './search-page';

const RESPONSE = {
  queryId: 'q-123',
  model: 'resnet50',
  index: 'hnsw',
  mode: 'ann',
  tookMs: 12.5,
  results: [
    { productId: 7, score: 0.93, rank: 1, title: 'Red mug', category: 'kitchen', imageUrl: '/i/7', thumbnailUrl: '/t/7' },
    { productId: 8, score: 0.81, rank: 2, title: 'Blue mug', category: 'kitchen', imageUrl: '/i/8', thumbnailUrl: '/t/8' },
  ],
};

let calls: RecordedCall[];

beforeEach(() => {
  resetSearchState();
  calls = stubFetch({
    'GET /api/categories': () => json([{ name: 'kitchen', count: 5 }, { name: 'toys', count: 2 }]),
    'GET /api/products?': () => json({ items: [{ id: 3, title: 'Teapot', category: 'kitchen', thumbnailUrl: '/t/3' }], total: 1 }),
    'GET /api/products/3/similar': () => json({ ...RESPONSE, queryId: 'q-sim' }),
    'POST /api/search': () => json(RESPONSE),
    'GET /api/search/text': () => json({ ...RESPONSE, queryId: undefined, model: 'all-minilm-l6-v2', index: 'text-exact' }),
  });
});

afterEach(() => {
  resetSearchState();
  vi.unstubAllGlobals();
});

describe('SearchPage', () => {
  it('submits the dropped image as multipart with k, mode and category, and shows the results', async () => {
    const user = userEvent.setup();
    render(<SearchPage />);
    await screen.findByRole('option', { name: 'toys (2)' });

    await user.selectOptions(screen.getByTestId('search-category'), 'toys');
    await user.clear(screen.getByTestId('search-k'));
    await user.type(screen.getByTestId('search-k'), '25');
    await user.selectOptions(screen.getByTestId('search-mode'), 'ann');
    const image = new File([new Uint8Array([137, 80, 78, 71])], 'mug.png', { type: 'image/png' });
    await user.upload(screen.getByTestId('search-drop-input'), image);

    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === '/api/search')).toBe(true));
    const search = calls.find((c) => c.url === '/api/search')!;
    expect(search.body).toBeInstanceOf(FormData);
    const form = search.body as FormData;
    expect((form.get('image') as File).name).toBe('mug.png');
    expect(form.get('k')).toBe('25');
    expect(form.get('mode')).toBe('ann');
    expect(form.get('category')).toBe('toys');

    const cards = await screen.findAllByTestId('result-card');
    expect(cards).toHaveLength(2);
    expect(within(screen.getByTestId('query-preview')).getByTestId('query-took').textContent).toBe('12.5 ms');
    expect(screen.getByText('hnsw')).toBeTruthy();
    const explain = within(cards[0]).getAllByRole('link').find((a) => a.getAttribute('href')?.startsWith('/explain/'));
    expect(explain?.getAttribute('href')).toBe('/explain/q-123/7');
  });

  it('omits mode and category when left at their defaults, and clamps k to 100', async () => {
    const user = userEvent.setup();
    render(<SearchPage />);
    await user.clear(screen.getByTestId('search-k'));
    await user.type(screen.getByTestId('search-k'), '500');
    await user.upload(screen.getByTestId('search-drop-input'), new File(['x'], 'a.jpg', { type: 'image/jpeg' }));
    await waitFor(() => expect(calls.some((c) => c.url === '/api/search')).toBe(true));
    const form = calls.find((c) => c.url === '/api/search')!.body as FormData;
    expect(form.get('k')).toBe('100');
    expect(form.has('mode')).toBe(false);
    expect(form.has('category')).toBe(false);
  });

  it('starts from a catalogue product with GET /similar and links results to product-to-product explanations', async () => {
    const user = userEvent.setup();
    render(<SearchPage />);
    await user.selectOptions(screen.getByTestId('search-mode'), 'exact');
    await user.type(screen.getByTestId('product-picker-input'), 'tea');
    await user.click(await screen.findByTestId('product-picker-option'));

    const cards = await screen.findAllByTestId('result-card');
    const similar = calls.find((c) => c.url.startsWith('/api/products/3/similar'))!;
    const params = new URL(similar.url, 'http://x').searchParams;
    expect(params.get('k')).toBe('24');
    expect(params.get('mode')).toBe('exact');
    expect(calls.some((c) => c.url === '/api/search')).toBe(false);
    const explain = within(cards[1]).getAllByRole('link').find((a) => a.getAttribute('href')?.startsWith('/explain/'));
    expect(explain?.getAttribute('href')).toBe('/explain/product/3/8');
  });

  it('searches words alone with GET /api/search/text, says they match product data, and links results to products', async () => {
    const user = userEvent.setup();
    render(<SearchPage />);
    expect(screen.getByTestId('words-hint').textContent).toContain('not what the pictures show');
    await screen.findByRole('option', { name: 'kitchen (5)' });
    await user.selectOptions(screen.getByTestId('search-category'), 'kitchen');
    await user.type(screen.getByTestId('search-words'), '  a mug for coffee ');
    await user.click(screen.getByTestId('search-words-submit'));

    const cards = await screen.findAllByTestId('result-card');
    const text = calls.find((c) => c.url.startsWith('/api/search/text'))!;
    const params = new URL(text.url, 'http://x').searchParams;
    expect(params.get('q')).toBe('a mug for coffee');
    expect(params.get('category')).toBe('kitchen');
    expect(calls.some((c) => c.url === '/api/search')).toBe(false);
    expect(screen.getByTestId('query-preview').textContent).toContain('not pixels');
    const links = within(cards[0]).getAllByRole('link').map((a) => a.getAttribute('href'));
    expect(links.every((href) => href === '/products/7')).toBe(true);
    expect(within(cards[0]).queryByText(/Explain match/)).toBeNull();
  });

  it('sends words with the query image as `text`, so the server fuses both', async () => {
    const user = userEvent.setup();
    render(<SearchPage />);
    await user.upload(screen.getByTestId('search-drop-input'), new File(['x'], 'a.png', { type: 'image/png' }));
    await screen.findAllByTestId('result-card');
    expect((calls.find((c) => c.url === '/api/search')!.body as FormData).has('text')).toBe(false);
    await user.type(screen.getByTestId('search-words'), 'blue');
    await user.click(screen.getByTestId('search-words-submit'));
    await waitFor(() => expect(calls.filter((c) => c.url === '/api/search')).toHaveLength(2));
    const form = calls.filter((c) => c.url === '/api/search')[1].body as FormData;
    expect(form.get('text')).toBe('blue');
    expect((form.get('image') as File).name).toBe('a.png');
  });

  it('shows a readable error when the search route is missing', async () => {
    stubFetch({ 'GET /api/categories': () => json([]) });
    render(<SearchPage />);
    await userEvent.setup().upload(screen.getByTestId('search-drop-input'), new File(['x'], 'a.png', { type: 'image/png' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The search failed');
    expect(alert.textContent).toContain('404');
  });
});
