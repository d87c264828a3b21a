import { useEffect, useRef } from 'react';
import { EmptyState, ErrorState, LoadingState } from '../../../components/status-message';
import { useAsync } from '../../../lib/use-async';
import { fetchIndexStatus, isActive } from '../api/pipelines-api';
import { usePipelineRuns } from '../hooks/use-pipeline-runs';
import { IndexStatusPanel } from './index-status-panel';
import { JobButtons } from './job-buttons';
import { RunsTable } from './runs-table';
import '../pipelines.css';

export function PipelinesPage() {
  const { runs, error, live, refresh } = usePipelineRuns();
  const index = useAsync((signal) => fetchIndexStatus(signal), []);

  // Refresh the index panel whenever the number of active runs drops (a run just finished).
  const activeCount = runs?.filter(isActive).length ?? 0;
  const previous = useRef(activeCount);
  useEffect(() => {
    if (activeCount < previous.current) index.reload();
    previous.current = activeCount;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeCount]);

  return (
    <section aria-labelledby="pipelines-title" className="pipelines-page">
      <div className="page-head">
        <h1 id="pipelines-title">Pipelines</h1>
        <span className="muted" aria-live="polite">
          {live ? 'Live updates' : activeCount > 0 ? 'Refreshing every second' : ''}
        </span>
      </div>
      <div className="pipelines-top">
        <JobButtons onStarted={() => refresh()} />
        <IndexStatusPanel status={index.data} error={index.error} loading={index.loading} onRetry={index.reload} />
      </div>
      <h2>Recent runs</h2>
      {runs == null && error == null && <LoadingState label="Loading runs…" />}
      {error != null && <ErrorState title="Couldn't load pipeline runs" error={error} onRetry={refresh} />}
      {runs && runs.length === 0 && <EmptyState title="No runs yet">Start a job above or import a zip in the catalogue.</EmptyState>}
      {runs && runs.length > 0 && <RunsTable runs={runs} />}
    </section>
  );
}
