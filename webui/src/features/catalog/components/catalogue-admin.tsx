import { AddProductForm } from './add-product-form';
import { ImportArchiveForm } from './import-archive-form';

/** Admin tools folded away under the filters: single upload and zip import. */
export function CatalogueAdmin({ onChanged }: { onChanged: () => void }) {
  return (
    <details className="admin-panel">
      <summary data-testid="catalogue-admin-toggle">Add products (admin)</summary>
      <div className="admin-panel-body">
        <AddProductForm onCreated={onChanged} />
        <ImportArchiveForm onFinished={onChanged} />
      </div>
    </details>
  );
}
