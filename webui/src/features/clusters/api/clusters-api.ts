import { getJson } from '../../../lib/api-client';
import { ProductPage } from '../../../lib/api/products';
import { JsonResponse, WithNull } from '../../../lib/api/types';

/** GET /api/clusters: one cluster; label is null until one is found for it. */
export type Cluster = WithNull<JsonResponse<'/api/clusters', 'get'>[number], 'label'>;

export function fetchClusters(signal?: AbortSignal): Promise<Cluster[]> {
  return getJson<Cluster[]>('/api/clusters', { signal });
}

/** Pages like /api/products: `?page=&size=` -> `{items, total}`. */
export function fetchClusterProducts(id: string, page: number, size: number, signal?: AbortSignal): Promise<ProductPage> {
  const params = new URLSearchParams({ page: String(page), size: String(size) });
  return getJson<ProductPage>(`/api/clusters/${encodeURIComponent(id)}/products?${params}`, { signal });
}

export function clusterName(cluster: Pick<Cluster, 'id' | 'label'>): string {
  return cluster.label?.trim() || `Cluster ${cluster.id}`;
}
