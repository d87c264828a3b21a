import { useEffect, useRef, useState } from 'react';
import { fetchRun, isActive, PipelineRun } from '../api/pipelines-api';

const POLL_MS = 1000;

/** Follows one run (e.g. a zip import) until it succeeds or fails; calls onDone once at the end. */
export function usePipelineRun(runId: string, onDone?: (run: PipelineRun) => void) {
  const [run, setRun] = useState<PipelineRun | null>(null);
  const [error, setError] = useState<unknown>(null);
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const tick = async () => {
      try {
        const next = await fetchRun(runId, controller.signal);
        if (stopped) return;
        setRun(next);
        setError(null);
        if (isActive(next)) timer = setTimeout(tick, POLL_MS);
        else done.current?.(next);
      } catch (e) {
        if (stopped) return;
        setError(e);
        timer = setTimeout(tick, POLL_MS * 3);
      }
    };
    tick();
    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
    };
  }, [runId]);

  return { run, error };
}
