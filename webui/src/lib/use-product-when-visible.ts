import { RefObject, useEffect, useState } from 'react';
import { fetchProductCached, Product } from './api/products';

/**
 * Loads a product's details once its element scrolls into view (or at once without IntersectionObserver).
 * Used to show prices on search results, which carry only id, title, category and images.
 */
export function useProductWhenVisible(id: number, target: RefObject<Element | null>, enabled = true): Product | null {
  const [product, setProduct] = useState<Product | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const load = () =>
      fetchProductCached(id)
        .then((p) => !cancelled && setProduct(p))
        .catch(() => undefined);
    const element = target.current;
    if (typeof IntersectionObserver === 'undefined' || !element) {
      load();
      return () => {
        cancelled = true;
      };
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        load();
      }
    }, { rootMargin: '200px' });
    observer.observe(element);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [id, target, enabled]);

  return product;
}
