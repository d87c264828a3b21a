import { getJson } from '../../../lib/api-client';
import { ProductPage } from '../../catalog/api/catalog-api';

export interface Cluster {
  id: number;
  size: number;
  label: string | null;
  representativeProductIds: number[];
}

export function fetchClusters(signal?: AbortSignal): Promise<Cluster[]> {
  return getJson<Cluster[]>('/api/clusters', { signal });
}

/** Assumed to page like /api/products: `?page=&size=` -> `{items, total}`. */
export function fetchClusterProducts(id: string, page: number, size: number, signal?: AbortSignal): Promise<ProductPage> {
  const params = new URLSearchParams({ page: String(page), size: String(size) });
  return getJson<ProductPage>(`/api/clusters/${encodeURIComponent(id)}/products?${params}`, { signal });
}

export function clusterName(cluster: Pick<Cluster, 'id' | 'label'>): string {
  return cluster.label?.trim() || `Cluster ${cluster.id}`;
}
