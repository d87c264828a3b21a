import { Link, navigate, useParams } from '../../../app/router';
import { ErrorState, LoadingState } from '../../../components/status-message';
import { useAsync } from '../../../lib/use-async';
import { fetchProduct, productImageUrl } from '../api/catalog-api';
import { DeleteProductButton } from './delete-product-button';
import { ProductDetails } from './product-details';
import { SimilarProducts } from './similar-products';
import '../catalog.css';

export function ProductPage() {
  const { id } = useParams<{ id: string }>();
  const { data: product, error, loading, reload } = useAsync((signal) => fetchProduct(id, signal), [id]);

  if (loading && !product) return <LoadingState label="Loading product…" />;
  if (error != null || !product) {
    return (
      <>
        <ErrorState title={`Couldn't load product ${id}`} error={error} onRetry={reload} />
        <p>
          <Link to="/catalogue">← Back to the catalogue</Link>
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
            <Link to="/catalogue">Catalogue</Link> / {product.category}
          </p>
          <h1 id="product-title">{product.title}</h1>
          <ProductDetails product={product} />
          <div className="row">
            <Link className="button button-primary" to={`/?product=${product.id}`} data-testid="product-search-similar">
              Search with this product
            </Link>
          </div>
          <DeleteProductButton id={product.id} title={product.title} onDeleted={() => navigate('/catalogue', { replace: true })} />
        </div>
      </div>
      <SimilarProducts productId={product.id} />
    </article>
  );
}
