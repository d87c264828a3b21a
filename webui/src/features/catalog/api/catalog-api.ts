import { apiFetch, Fetcher, sendJson } from '../../../lib/api-client';
import { forgetProduct } from '../../../lib/api/products';
import { JsonResponse, Schemas, WithNull } from '../../../lib/api/types';

// Reading products (fetchProduct, fetchProducts, image URLs, categories) lives in lib/api/products.ts: every
// feature that shows a product uses it.

/**
 * POST /api/products' multipart form. Hand-written: the schema can describe the parts only as strings (the image as
 * binary, the price as text), not as the File and number the form holds.
 */
export interface NewProduct {
  image: File;
  title: string;
  category: string;
  sku?: string;
  price?: number | null;
}

/** An existing product the uploaded one looks like (a warning: the upload went through). */
export type NearDuplicate = Schemas['NearDuplicate'];

/** The 201 body: the Product plus the existing products it looks like. */
export type CreatedProduct = WithNull<JsonResponse<'/api/products', 'post'>, 'sku' | 'price' | 'clusterId'>;

/** The 202 body of an import: the pipeline run that follows it. */
export type ImportAccepted = JsonResponse<'/api/products/import', 'post'>;

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
export function importArchive(archive: File): Promise<ImportAccepted> {
  const form = new FormData();
  form.append('archive', archive);
  return sendJson<ImportAccepted>('/api/products/import', { method: 'POST', body: form, admin: true });
}

/** Admin. */
export async function deleteProduct(id: number | string): Promise<void> {
  await sendJson<void>(`/api/products/${encodeURIComponent(String(id))}`, { method: 'DELETE', admin: true });
  forgetProduct(id);
}

/** Client-side: the downloaded zip (binary, so no JSON schema) and the file name from Content-Disposition. */
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
