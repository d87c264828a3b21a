import { useAsync } from '../../../lib/use-async';
import { fetchCategories } from '../api/catalog-api';

export function useCategories() {
  return useAsync((signal) => fetchCategories(signal), []);
}
