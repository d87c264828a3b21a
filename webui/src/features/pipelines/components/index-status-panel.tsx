import { ErrorState, LoadingState } from '../../../components/status-message';
import { formatCount, formatDateTime } from '../../../lib/format';
import { IndexStatus } from '../api/pipelines-api';

export function IndexStatusPanel({
  status,
  error,
  loading,
  onRetry,
}: {
  status: IndexStatus | undefined;
  error: unknown;
  loading: boolean;
  onRetry: () => void;
}) {
  return (
    <div className="panel" aria-labelledby="index-title" data-testid="index-status">
      <h2 id="index-title">
        Index{' '}
        {status && (
          <span className={`badge ${status.stale ? 'badge-failed' : 'badge-succeeded'}`} data-testid="index-stale">
            {status.stale ? 'stale' : 'up to date'}
          </span>
        )}
      </h2>
      {loading && !status && <LoadingState label="Loading index status…" />}
      {error != null && <ErrorState title="Index status unavailable" error={error} onRetry={onRetry} />}
      {status && (
        <dl className="stats">
          <div>
            <dt>Vectors</dt>
            <dd>{formatCount(status.size)}</dd>
          </div>
          <div>
            <dt>Pending embeddings</dt>
            <dd>{formatCount(status.pendingEmbeddings)}</dd>
          </div>
          <div>
            <dt>Backend</dt>
            <dd>{status.backend}</dd>
          </div>
          {status.measuredRecall != null && (
            <div data-testid="index-recall">
              <dt>Recall@10 vs exact</dt>
              <dd>
                {status.measuredRecall.toFixed(3)}{' '}
                <span className="muted">
                  (target {status.targetRecall?.toFixed(2)}
                  {status.searchDepth != null && `, ${status.searchDepthParameter} ${status.searchDepth}`})
                </span>
              </dd>
            </div>
          )}
          {(status.annWritesWaiting ?? 0) > 0 && (
            <div data-testid="ann-writes-waiting">
              <dt>Writes waiting for the backend</dt>
              <dd>{formatCount(status.annWritesWaiting ?? 0)}</dd>
            </div>
          )}
          <div>
            <dt>Model</dt>
            <dd>
              {status.model} <span className="muted">({status.dim}-d)</span>
            </dd>
          </div>
          <div>
            <dt>Built</dt>
            <dd>{formatDateTime(status.builtAt)}</dd>
          </div>
        </dl>
      )}
    </div>
  );
}
