import { FormEvent, useState } from 'react';
import { paths } from '../../../lib/paths';
import { Link } from '../../../lib/router';
import { describeError } from '../../../lib/api-client';
import { Product } from '../../../lib/api/products';
import { createProduct, CreatedProduct } from '../api/catalog-api';
import { NearDuplicateWarning } from './near-duplicate-warning';

export function AddProductForm({ onCreated }: { onCreated: (p: Product) => void }) {
  const [image, setImage] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('');
  const [sku, setSku] = useState('');
  const [price, setPrice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedProduct | null>(null);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!image) return;
    const form = e.currentTarget;
    setBusy(true);
    setError(null);
    try {
      const product = await createProduct({
        image,
        title: title.trim(),
        category: category.trim(),
        sku: sku.trim() || undefined,
        price: price === '' ? null : Number(price),
      });
      setCreated(product);
      setTitle('');
      setSku('');
      setPrice('');
      setImage(null);
      form.reset();
      onCreated(product);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={onSubmit} aria-labelledby="add-product-title" data-testid="add-product-form">
      <h2 id="add-product-title">Add one product</h2>
      <label className="field">
        <span>Image</span>
        <input type="file" accept="image/*" required onChange={(e) => setImage(e.target.files?.[0] ?? null)} data-testid="add-product-image" />
      </label>
      <label className="field">
        <span>Title</span>
        <input required value={title} onChange={(e) => setTitle(e.target.value)} data-testid="add-product-title" />
      </label>
      <label className="field">
        <span>Category</span>
        <input required value={category} onChange={(e) => setCategory(e.target.value)} data-testid="add-product-category" />
      </label>
      <div className="row">
        <label className="field">
          <span>SKU (optional)</span>
          <input value={sku} onChange={(e) => setSku(e.target.value)} />
        </label>
        <label className="field">
          <span>Price (optional)</span>
          <input type="number" min="0" step="0.01" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />
        </label>
      </div>
      <button type="submit" className="button button-primary" disabled={busy || !image} data-testid="add-product-submit">
        {busy ? 'Uploading…' : 'Add product'}
      </button>
      {error != null && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
      {created && (
        <p role="status" className="success">
          Added <Link to={paths.product(created.id)}>{created.title}</Link>. It is searchable now.
        </p>
      )}
      {created && <NearDuplicateWarning nearDuplicates={created.nearDuplicates ?? []} />}
    </form>
  );
}
