/**
 * Reading products: shared by every feature that shows one (catalogue, search results, explanations, clusters,
 * the analytics map). Writes (create, import, delete, export) stay in the catalog feature.
 */
import { getJson } from '../api-client';
import { JsonResponse, QueryParams, Refine, Schemas, WithNull } from './types';

/** GET /api/products/{id}: sku, price and cluster are null when the product has none. */
export type Product = WithNull<JsonResponse<'/api/products/{id}', 'get'>, 'sku' | 'price' | 'clusterId'>;

/** GET /api/products (and GET /api/clusters/{id}/products): one page of products and the total. */
export type ProductPage = Refine<Schemas['ProductPage'], { items: Product[] }>;

/** GET /api/categories: one category and how many products it holds. */
export type CategoryCount = JsonResponse<'/api/categories', 'get'>[number];

/** GET /api/products' query; the UI always sends a page and its size. */
export type ProductQuery = Refine<QueryParams<'/api/products', 'get'>, { page: number; size: number }>;

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
