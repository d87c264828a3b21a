import { useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { deleteProduct } from '../api/catalog-api';

/** Admin. Asks for confirmation, then DELETE /api/products/{id}. */
export function DeleteProductButton({ id, title, onDeleted }: { id: number; title: string; onDeleted: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onClick = async () => {
    if (!window.confirm(`Delete “${title}”? It disappears from search results immediately.`)) return;
    setBusy(true);
    setError(null);
    try {
      await deleteProduct(id);
      onDeleted();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <div>
      <button type="button" className="button button-danger" onClick={onClick} disabled={busy} data-testid="product-delete">
        {busy ? 'Deleting…' : 'Delete product'}
      </button>
      {error != null && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
    </div>
  );
}
