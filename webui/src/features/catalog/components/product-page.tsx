import { ReactNode } from 'react';
import { ErrorState, LoadingState } from '../../../components/status-message';
import { paths } from '../../../lib/paths';
import { Link, navigate, useParams } from '../../../lib/router';
import { useAsync } from '../../../lib/use-async';
import { fetchProduct, productImageUrl } from '../../../lib/api/products';
import { DeleteProductButton } from './delete-product-button';
import { ProductDetails } from './product-details';
import '../catalog.css';

/** `similar` renders the products that look like this one (composed in app/routes.tsx). */
export function ProductPage({ similar }: { similar: (productId: number) => ReactNode }) {
  const { id } = useParams<{ id: string }>();
  const { data: product, error, loading, reload } = useAsync((signal) => fetchProduct(id, signal), [id]);

  if (loading && !product) return <LoadingState label="Loading product…" />;
  if (error != null || !product) {
    return (
      <>
        <ErrorState title={`Couldn't load product ${id}`} error={error} onRetry={reload} />
        <p>
          <Link to={paths.catalogue()}>← Back to the catalogue</Link>
        </p>
      </>
    );
  }

  return (
    <article className="product-page" aria-labelledby="product-title" data-testid="product-page">
      <div className="product-hero">
        <img
          className="product-image"
          src={product.imageUrl || productImageUrl(product.id)}
          alt={product.title}
          data-testid="product-image"
        />
        <div className="product-info">
          <p className="eyebrow">
            <Link to={paths.catalogue()}>Catalogue</Link> / {product.category}
          </p>
          <h1 id="product-title">{product.title}</h1>
          <ProductDetails product={product} />
          <div className="row">
            <Link className="button button-primary" to={paths.searchFromProduct(product.id)} data-testid="product-search-similar">
              Search with this product
            </Link>
          </div>
          <DeleteProductButton id={product.id} title={product.title} onDeleted={() => navigate(paths.catalogue(), { replace: true })} />
        </div>
      </div>
      {similar(product.id)}
    </article>
  );
}
