import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from '../../../lib/api-client';
import { fetchRuns, isActive, normalizeRun, PipelineRun, sortRuns } from '../api/pipelines-api';

const POLL_MS = 1000;
/**
 * Proposed, not in API.md: a server-sent-events stream whose `data:` lines are PipelineRun JSON objects.
 * When it is missing (404) or drops, EventSource reports an error and we fall back to polling, silently.
 */
export const RUN_STREAM_URL = '/api/pipeline/runs/stream';

export interface PipelineRunsState {
  runs: PipelineRun[] | null;
  error: unknown;
  live: boolean;
  refresh: () => Promise<void>;
}

function merge(runs: PipelineRun[] | null, update: PipelineRun): PipelineRun[] {
  const rest = (runs ?? []).filter((r) => r.id !== update.id);
  return sortRuns([update, ...rest]);
}

/** Recent runs, polled every second while any is queued or running (unless the event stream is live). */
export function usePipelineRuns(): PipelineRunsState {
  const [runs, setRuns] = useState<PipelineRun[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [live, setLive] = useState(false);
  const controller = useRef<AbortController | null>(null);

  const refresh = useCallback(async () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    try {
      const next = await fetchRuns(current.signal);
      if (!current.signal.aborted) {
        setRuns(sortRuns(next));
        setError(null);
      }
    } catch (e) {
      if (!current.signal.aborted && !isAbort(e)) setError(e);
    }
  }, []);

  useEffect(() => {
    refresh();
    return () => controller.current?.abort();
  }, [refresh]);

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(RUN_STREAM_URL);
    source.onopen = () => setLive(true);
    source.onmessage = (event) => {
      try {
        setRuns((current) => merge(current, normalizeRun(JSON.parse(event.data) as PipelineRun)));
      } catch {
        // not a run: ignore
      }
    };
    source.onerror = () => {
      source.close();
      setLive(false);
    };
    return () => source.close();
  }, []);

  const anyActive = runs?.some(isActive) ?? false;
  useEffect(() => {
    if (!anyActive || live) return;
    const id = setInterval(refresh, POLL_MS);
    return () => clearInterval(id);
  }, [anyActive, live, refresh]);

  return { runs, error, live, refresh };
}
