import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setAdminToken } from '../../../lib/admin-token';
import { json, stubFetch } from '../../../test/fetch-stub';
import { AddProductForm } from './add-product-form';

afterEach(() => vi.unstubAllGlobals());

const product = {
  id: 12,
  sku: null,
  title: 'Red Shoe again',
  category: 'Shoes',
  price: null,
  imageUrl: '/api/products/12/image',
  thumbnailUrl: '/api/products/12/thumbnail',
  clusterId: null,
  createdAt: '2026-01-01T10:00:00Z',
};

async function upload() {
  const user = userEvent.setup();
  await user.upload(screen.getByTestId('add-product-image'), new File([new Uint8Array([1, 2, 3])], 'shoe.jpg', { type: 'image/jpeg' }));
  await user.type(screen.getByTestId('add-product-title'), 'Red Shoe again');
  await user.type(screen.getByTestId('add-product-category'), 'Shoes');
  await user.click(screen.getByTestId('add-product-submit'));
}

describe('AddProductForm', () => {
  it('warns, after a successful upload, about the existing products the image looks like', async () => {
    setAdminToken('tok');
    stubFetch({
      'POST /api/products': () =>
        json({ ...product, nearDuplicates: [{ productId: 3, score: 0.987, title: 'Red Shoe', thumbnailUrl: '/api/products/3/thumbnail' }] }, 201),
    });
    const onCreated = vi.fn();
    render(<AddProductForm onCreated={onCreated} />);
    await upload();

    const warning = await screen.findByTestId('near-duplicate-warning');
    expect(warning.textContent).toContain('looks like an existing product');
    expect(warning.textContent).toContain('score 0.987');
    expect(screen.getByRole('link', { name: 'Red Shoe' }).getAttribute('href')).toBe('/products/3');
    expect(screen.getByText(/It is searchable now/)).toBeTruthy();
    expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: 12 }));
  });

  it('shows no warning when the image looks like nothing in the catalogue', async () => {
    setAdminToken('tok');
    stubFetch({ 'POST /api/products': () => json({ ...product, nearDuplicates: [] }, 201) });
    render(<AddProductForm onCreated={() => {}} />);
    await upload();

    expect(await screen.findByText(/It is searchable now/)).toBeTruthy();
    expect(screen.queryByTestId('near-duplicate-warning')).toBeNull();
  });
});
