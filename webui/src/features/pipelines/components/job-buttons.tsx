import { useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { PIPELINE_JOBS, PipelineJob, startRun } from '../api/pipelines-api';

const JOB_HELP: Record<PipelineJob, string> = {
  embed: 'Compute missing embeddings',
  text: 'Embed the words of products that lack a text vector',
  index: 'Rebuild the vector index',
  cluster: 'Re-cluster the catalogue',
  project: 'Recompute the 2-D projection',
  adapt: 'Learn a search head from altered views of the catalogue (minutes)',
  all: 'Run every step in order',
};

/** Admin. One button per job: POST /api/pipeline/runs {job}. */
export function JobButtons({ onStarted }: { onStarted: (runId: string) => void }) {
  const [busy, setBusy] = useState<PipelineJob | null>(null);
  const [error, setError] = useState<unknown>(null);

  const start = async (job: PipelineJob) => {
    setBusy(job);
    setError(null);
    try {
      const { runId } = await startRun(job);
      onStarted(String(runId));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="panel" aria-labelledby="jobs-title">
      <h2 id="jobs-title">Start a job</h2>
      <div className="job-buttons">
        {PIPELINE_JOBS.map((job) => (
          <button
            key={job}
            type="button"
            className={`button job-button${job === 'all' ? ' button-primary' : ''}`}
            onClick={() => start(job)}
            disabled={busy != null}
            data-testid={`pipeline-start-${job}`}
          >
            <strong>{busy === job ? 'Starting…' : job}</strong>
            <small>{JOB_HELP[job]}</small>
          </button>
        ))}
      </div>
      {error != null && (
        <p role="alert" className="error">
          {describeError(error)}
        </p>
      )}
    </div>
  );
}
