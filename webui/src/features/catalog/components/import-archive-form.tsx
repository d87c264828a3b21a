import { FormEvent, ReactNode, useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { importArchive } from '../api/catalog-api';

/** Renders the live progress of the pipeline run `runId`, calling `onDone` once it ends (the app passes RunProgress). */
export type RunProgressSlot = (runId: string, onDone: () => void) => ReactNode;

/** Uploads a zip (images + optional manifest.csv) and follows the import's pipeline run. */
export function ImportArchiveForm({ onFinished, runProgress }: { onFinished: () => void; runProgress: RunProgressSlot }) {
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
      {runId && runProgress(runId, onFinished)}
    </form>
  );
}
