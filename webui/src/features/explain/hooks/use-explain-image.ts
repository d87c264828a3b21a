import { useEffect, useState } from 'react';
import { isAbort } from '../../../lib/api-client';
import { fetchExplainImage } from '../api/explain-api';

export interface ExplainImageState {
  src: string | null;
  cache: 'hit' | 'miss' | null;
  error: unknown;
  loading: boolean;
}

/** Loads an explanation image as an object URL (revoked when the URL changes or the component goes). */
export function useExplainImage(url: string | null): ExplainImageState {
  const [state, setState] = useState<ExplainImageState>({ src: null, cache: null, error: null, loading: url != null });

  useEffect(() => {
    if (!url) {
      setState({ src: null, cache: null, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    let objectUrl: string | null = null;
    setState((s) => ({ ...s, loading: true, error: null }));
    fetchExplainImage(url, controller.signal)
      .then(({ blob, cache }) => {
        if (controller.signal.aborted) return;
        objectUrl = URL.createObjectURL(blob);
        setState({ src: objectUrl, cache, error: null, loading: false });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) setState({ src: null, cache: null, error, loading: false });
      });
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);

  return state;
}
