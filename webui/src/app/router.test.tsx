import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../test/fetch-stub';
import { App } from './app';
import { paths } from '../lib/paths';
import { matchPath, navigate } from '../lib/router';
import { ROUTES } from './routes';

afterEach(() => vi.unstubAllGlobals());

describe('matchPath', () => {
  it('extracts and decodes params', () => {
    expect(matchPath('/explain/:queryId/:productId', '/explain/q%2F1/42')).toEqual({ queryId: 'q/1', productId: '42' });
    expect(matchPath('/products/:id', '/products/7/')).toEqual({ id: '7' });
  });

  it('does not match a different shape', () => {
    expect(matchPath('/products/:id', '/products')).toBeNull();
    expect(matchPath('/clusters/:id', '/products/3')).toBeNull();
    expect(matchPath('/', '/catalogue')).toBeNull();
  });
});

describe('paths', () => {
  it.each([
    [paths.search(), '/'],
    [paths.searchFromProduct(5), '/'],
    [paths.catalogue(), '/catalogue'],
    [paths.catalogueCategory('Home & garden'), '/catalogue'],
    [paths.product(7), '/products/:id'],
    [paths.duplicates(), '/duplicates'],
    [paths.clusters(), '/clusters'],
    [paths.cluster(3), '/clusters/:id'],
    [paths.explainResult('q/1', 9), '/explain/:queryId/:productId'],
    [paths.explainProducts(3, 9), '/explain/product/:a/:b'],
  ])('%s lands on the route %s', (path, pattern) => {
    const url = new URL(path, 'http://local');
    expect(ROUTES.find((route) => matchPath(route.path, url.pathname))?.path).toBe(pattern);
  });

  it('encodes what it puts in a path or query', () => {
    expect(matchPath('/explain/:queryId/:productId', paths.explainResult('q/1', 9))).toEqual({ queryId: 'q/1', productId: '9' });
    expect(new URL(paths.catalogueCategory('Home & garden'), 'http://local').searchParams.get('category')).toBe('Home & garden');
  });
});

describe('App routing', () => {
  it('shows the not-found page, with the nav, for an unknown route', () => {
    stubFetch({});
    window.history.replaceState(null, '', '/no/such/page');
    render(<App />);
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('/no/such/page')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
  });

  it('renders the product-to-product explain route, not the query one, for /explain/product/a/b', () => {
    stubFetch({});
    window.history.replaceState(null, '', '/explain/product/3/9');
    render(<App />);
    expect(screen.getByRole('heading', { level: 1, name: 'Why this match?' })).toBeTruthy();
    expect(screen.getByTestId('explain-panel-query')).toBeTruthy();
  });

  it('navigates client-side from the nav and marks the current link', async () => {
    stubFetch({ 'GET /api/clusters': () => json([]) });
    window.history.replaceState(null, '', '/nowhere');
    render(<App />);
    await userEvent.setup().click(screen.getByRole('link', { name: 'Clusters' }));
    expect(window.location.pathname).toBe('/clusters');
    expect(await screen.findByText('No clusters yet')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Clusters' }).getAttribute('aria-current')).toBe('page');
  });

  it('degrades to a readable error when a page’s API route answers 404', async () => {
    stubFetch({});
    window.history.replaceState(null, '', '/clusters');
    render(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Couldn't load clusters");
    expect(alert.textContent).toContain('not available on the server yet');
  });

  it('follows back/forward (popstate)', async () => {
    stubFetch({ 'GET /api/clusters': () => json([]) });
    window.history.replaceState(null, '', '/nope');
    render(<App />);
    act(() => navigate('/clusters'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Clusters' })).toBeTruthy();
    act(() => {
      window.history.replaceState(null, '', '/nope');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
