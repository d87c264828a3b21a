import { apiFetch, Fetcher, getJson, sendJson } from '../../../lib/api-client';

export interface Product {
  id: number;
  sku: string | null;
  title: string;
  category: string;
  price: number | null;
  imageUrl: string;
  thumbnailUrl: string;
  clusterId: number | null;
  createdAt: string;
}

export interface ProductPage {
  items: Product[];
  total: number;
}

export interface CategoryCount {
  name: string;
  count: number;
}

export interface ProductQuery {
  page: number;
  size: number;
  category?: string;
  q?: string;
}

export function productQueryString({ page, size, category, q }: ProductQuery): string {
  const params = new URLSearchParams({ page: String(page), size: String(size) });
  if (category) params.set('category', category);
  if (q) params.set('q', q);
  return params.toString();
}

export function fetchProducts(query: ProductQuery, signal?: AbortSignal): Promise<ProductPage> {
  return getJson<ProductPage>(`/api/products?${productQueryString(query)}`, { signal });
}

export function fetchProduct(id: number | string, signal?: AbortSignal): Promise<Product> {
  return getJson<Product>(`/api/products/${encodeURIComponent(String(id))}`, { signal });
}

const productCache = new Map<string, Promise<Product>>();

/** Product details shared between cards (prices on result cards, hover cards); failures are not cached. */
export function fetchProductCached(id: number | string): Promise<Product> {
  const key = String(id);
  let hit = productCache.get(key);
  if (!hit) {
    hit = fetchProduct(key);
    productCache.set(key, hit);
    hit.catch(() => productCache.delete(key));
  }
  return hit;
}

export function forgetProduct(id: number | string): void {
  productCache.delete(String(id));
}

export function fetchCategories(signal?: AbortSignal): Promise<CategoryCount[]> {
  return getJson<CategoryCount[]>('/api/categories', { signal });
}

export function productImageUrl(id: number | string): string {
  return `/api/products/${encodeURIComponent(String(id))}/image`;
}

export function productThumbnailUrl(id: number | string): string {
  return `/api/products/${encodeURIComponent(String(id))}/thumbnail`;
}

export interface NewProduct {
  image: File;
  title: string;
  category: string;
  sku?: string;
  price?: number | null;
}

/** An existing product the uploaded one looks like (a warning: the upload went through). */
export interface NearDuplicate {
  productId: number;
  score: number;
  title: string;
  thumbnailUrl: string;
}

/** The 201 body: the Product plus the existing products it looks like. */
export interface CreatedProduct extends Product {
  nearDuplicates?: NearDuplicate[];
}

/** Admin. Multipart upload; the product is searchable as soon as this returns. */
export function createProduct(input: NewProduct): Promise<CreatedProduct> {
  const form = new FormData();
  form.append('image', input.image);
  form.append('title', input.title);
  form.append('category', input.category);
  if (input.sku) form.append('sku', input.sku);
  if (input.price != null) form.append('price', String(input.price));
  return sendJson<CreatedProduct>('/api/products', { method: 'POST', body: form, admin: true });
}

/** Admin. Zip of images (+ optional manifest.csv); progress is the returned pipeline run. */
export function importArchive(archive: File): Promise<{ runId: string }> {
  const form = new FormData();
  form.append('archive', archive);
  return sendJson<{ runId: string }>('/api/products/import', { method: 'POST', body: form, admin: true });
}

/** Admin. */
export async function deleteProduct(id: number | string): Promise<void> {
  await sendJson<void>(`/api/products/${encodeURIComponent(String(id))}`, { method: 'DELETE', admin: true });
  forgetProduct(id);
}

export interface CatalogueExport {
  blob: Blob;
  fileName: string;
}

/**
 * Admin. The whole catalogue as the zip that importArchive takes back (original images + manifest.csv). Fetched
 * rather than linked, so that the admin token travels in its header.
 */
export async function exportCatalogue(fetcher?: Fetcher): Promise<CatalogueExport> {
  const response = await apiFetch('/api/products/export', { admin: true, accept: 'application/zip', fetcher });
  const disposition = response.headers.get('content-disposition') ?? '';
  const named = /filename="([^"]+)"/.exec(disposition);
  return { blob: await response.blob(), fileName: named?.[1] ?? 'catalogue.zip' };
}
