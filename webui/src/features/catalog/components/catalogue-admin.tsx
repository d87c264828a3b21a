import { AddProductForm } from './add-product-form';
import { ExportCatalogueButton } from './export-catalogue-button';
import { ImportArchiveForm, RunProgressSlot } from './import-archive-form';

/** Admin tools folded away under the filters: single upload, zip import and the export. */
export function CatalogueAdmin({ onChanged, runProgress }: { onChanged: () => void; runProgress: RunProgressSlot }) {
  return (
    <details className="admin-panel">
      <summary data-testid="catalogue-admin-toggle">Add or export products (admin)</summary>
      <div className="admin-panel-body">
        <AddProductForm onCreated={onChanged} />
        <ImportArchiveForm onFinished={onChanged} runProgress={runProgress} />
        <ExportCatalogueButton />
      </div>
    </details>
  );
}
