import { getJson } from '../../lib/api-client';

export interface Product {
  id: number;
  sku: string;
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

export function fetchProducts(page: number, size: number, category?: string, q?: string): Promise<ProductPage> {
  const params = new URLSearchParams({ page: String(page), size: String(size) });
  if (category) params.set('category', category);
  if (q) params.set('q', q);
  return getJson<ProductPage>(`/api/products?${params}`);
}

export function fetchCategories(): Promise<CategoryCount[]> {
  return getJson<CategoryCount[]>('/api/categories');
}
