import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../test/fetch-stub';
import { App } from './app';

afterEach(() => vi.unstubAllGlobals());

// While the backend is being built, most routes answer 404: every page must still say something readable.
describe.each([
  ['/', 'Find products that look alike'],
  ['/catalogue', 'Catalogue'],
  ['/products/5', null],
  ['/clusters', 'Clusters'],
  ['/duplicates', 'Near-duplicates'],
  ['/clusters/3', 'Cluster 3'],
  ['/pipelines', 'Pipelines'],
  ['/explain/q1/5', 'Why this match?'],
  ['/analytics', 'Analytics'],
])('%s with every API route answering 404', (path, heading) => {
  it('renders its heading and readable errors, never a blank page or a crash', async () => {
    stubFetch({});
    window.history.replaceState(null, '', path);
    render(<App />);
    if (heading) expect(await screen.findByRole('heading', { level: 1, name: heading }, { timeout: 5000 })).toBeTruthy();
    if (path !== '/') {
      await waitFor(() => expect(screen.getAllByRole('alert').length).toBeGreaterThan(0), { timeout: 5000 });
      expect(screen.getAllByRole('alert').map((a) => a.textContent).join(' ')).toMatch(/404|not available/);
    }
    expect(screen.queryByTestId('page-crash')).toBeNull();
  });
});
