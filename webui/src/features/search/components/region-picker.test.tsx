import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, RecordedCall, stubFetch } from '../../../test/fetch-stub';
import { resetSearchState } from '../hooks/search-store';
import { fitBox, keyedBox } from './region-picker';
import { SearchPage } from './search-page';

const ANSWER = { queryId: 'q-r', model: 'm', index: 'exact', mode: 'exact', tookMs: 5, results: [] };
let calls: RecordedCall[];

beforeEach(() => {
  resetSearchState();
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:query', revokeObjectURL: () => undefined }));
  calls = stubFetch({
    'GET /api/categories': () => json([]),
    'POST /api/objects': () => json({ boxes: [{ x: 0.05, y: 0.1, w: 0.4, h: 0.8, score: 0.6 }, { x: 0.55, y: 0.2, w: 0.4, h: 0.7, score: 0.4 }] }),
    'POST /api/search': () => json(ANSWER),
  });
});

afterEach(() => {
  resetSearchState();
  vi.unstubAllGlobals();
});

const searches = () => calls.filter((c) => c.url === '/api/search').map((c) => (c.body as FormData).get('box'));

describe('region search', () => {
  it('offers the proposed objects as chips that search with their box', async () => {
    const user = userEvent.setup();
    render(<SearchPage />);
    await user.upload(screen.getByTestId('search-drop-input'), new File([new Uint8Array([137, 80])], 'look.png', { type: 'image/png' }));
    const chips = await screen.findAllByTestId('region-proposal');
    expect(chips.map((c) => c.textContent)).toEqual(['Object 1', 'Object 2']);
    await waitFor(() => expect(searches()).toEqual([null]));
    await user.click(chips[1]);
    await waitFor(() => expect(searches()).toEqual([null, '0.55,0.2,0.4,0.7']));
    await user.click(screen.getByTestId('region-clear'));
    await waitFor(() => expect(searches()).toEqual([null, '0.55,0.2,0.4,0.7', null]));
  });

  it('draws, moves and resizes a box from the keyboard and searches with Enter', async () => {
    const user = userEvent.setup();
    render(<SearchPage />);
    await user.upload(screen.getByTestId('search-drop-input'), new File([new Uint8Array([137, 80])], 'look.png', { type: 'image/png' }));
    await waitFor(() => expect(searches()).toHaveLength(1));
    screen.getByTestId('region-frame').focus();
    await user.keyboard('{ArrowRight}'); // a box appears in the middle
    await user.keyboard('{ArrowRight}{ArrowDown}'); // moved
    await user.keyboard('{Shift>}{ArrowLeft}{/Shift}'); // narrower
    await user.keyboard('{Enter}');
    await waitFor(() => expect(searches()).toEqual([null, '0.27,0.27,0.48,0.5']));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(searches()).toEqual([null, '0.27,0.27,0.48,0.5', null]));
  });
});

describe('box maths', () => {
  it('keeps boxes inside the image and not thinner than a sliver', () => {
    expect(fitBox({ x: 0.9, y: -0.2, w: 0.5, h: 0.001 })).toEqual({ x: 0.5, y: 0, w: 0.5, h: 0.03 });
    expect(keyedBox(null, 'ArrowUp', false)).toEqual({ x: 0.25, y: 0.25, w: 0.5, h: 0.5 });
    expect(keyedBox({ x: 0, y: 0, w: 1, h: 1 }, 'ArrowRight', true)).toEqual({ x: 0, y: 0, w: 1, h: 1 });
    expect(keyedBox({ x: 0.1, y: 0.1, w: 0.2, h: 0.2 }, 'a', false)).toBeNull();
  });
});
