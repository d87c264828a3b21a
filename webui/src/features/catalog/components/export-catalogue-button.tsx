import { useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { saveBlob } from '../../../lib/download';
import { exportCatalogue } from '../api/catalog-api';

/** Downloads the catalogue as a zip (admin): a backup, or a move to another instance through its import. */
export function ExportCatalogueButton() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const onClick = async () => {
    setBusy(true);
    setError(null);
    try {
      const { blob, fileName } = await exportCatalogue();
      saveBlob(blob, fileName);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="stack" aria-labelledby="export-title" data-testid="export-section">
      <h2 id="export-title">Export the catalogue</h2>
      <p className="muted">
        Every original image and a <code>manifest.csv</code>, as a zip that the import above takes back.
      </p>
      <button type="button" className="button" onClick={onClick} disabled={busy} data-testid="export-catalogue">
        {busy ? 'Exporting…' : 'Export catalogue'}
      </button>
      {error != null && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
    </section>
  );
}
