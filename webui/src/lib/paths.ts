/**
 * Paths of the app's pages, for links between features: a feature links to another's page through these rather than
 * knowing its route. The route patterns themselves are declared in app/routes.tsx (app/router.test.tsx checks that
 * every path built here lands on one of them).
 */
type Id = number | string;

const segment = (id: Id) => encodeURIComponent(String(id));

export const paths = {
  search: () => '/',
  /** The search page, starting a "similar to" search from a product. */
  searchFromProduct: (productId: Id) => `/?product=${segment(productId)}`,
  catalogue: () => '/catalogue',
  catalogueCategory: (category: string) => `/catalogue?category=${encodeURIComponent(category)}`,
  product: (id: Id) => `/products/${segment(id)}`,
  duplicates: () => '/duplicates',
  clusters: () => '/clusters',
  cluster: (id: Id) => `/clusters/${segment(id)}`,
  /** Why a search result matched the query image of search `queryId`. */
  explainResult: (queryId: string, productId: Id) => `/explain/${segment(queryId)}/${segment(productId)}`,
  /** Why product `b` matched product `a`. */
  explainProducts: (a: Id, b: Id) => `/explain/product/${segment(a)}/${segment(b)}`,
};
