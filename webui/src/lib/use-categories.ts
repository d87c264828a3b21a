import { fetchCategories } from './api/products';
import { useAsync } from './use-async';

export function useCategories() {
  return useAsync((signal) => fetchCategories(signal), []);
}
