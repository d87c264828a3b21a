import { FormEvent, useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { RunProgress } from '../../pipelines/components/run-progress';
import { importArchive } from '../api/catalog-api';

/** Uploads a zip (images + optional manifest.csv) and follows the import's pipeline run. */
export function ImportArchiveForm({ onFinished }: { onFinished: () => void }) {
  const [archive, setArchive] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [runId, setRunId] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!archive) return;
    setBusy(true);
    setError(null);
    setRunId(null);
    try {
      const { runId: id } = await importArchive(archive);
      setRunId(String(id));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={onSubmit} aria-labelledby="import-title" data-testid="import-form">
      <h2 id="import-title">Import a zip</h2>
      <p className="muted">
        Images, plus an optional <code>manifest.csv</code> with columns <code>file,title,category,sku,price</code>.
      </p>
      <label className="field">
        <span>Archive (.zip)</span>
        <input
          type="file"
          accept=".zip,application/zip"
          required
          onChange={(e) => setArchive(e.target.files?.[0] ?? null)}
          data-testid="import-archive-input"
        />
      </label>
      <button type="submit" className="button button-primary" disabled={busy || !archive} data-testid="import-submit">
        {busy ? 'Uploading…' : 'Import'}
      </button>
      {error != null && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
      {runId && <RunProgress runId={runId} onDone={onFinished} />}
    </form>
  );
}
