import { useEffect, useState } from 'react';
import { registerTokenPrompt, TokenPromptReason } from './admin-token';

export interface TokenPromptState {
  /** Set while an admin call waits for a token. */
  reason: TokenPromptReason | null;
  submit: (token: string) => void;
  cancel: () => void;
}

/** Registers itself as the API client's token prompt; the component using it renders the dialog. */
export function useAdminTokenPrompt(): TokenPromptState {
  const [pending, setPending] = useState<{ reason: TokenPromptReason; resolve: (t: string | null) => void } | null>(
    null,
  );

  useEffect(
    () => registerTokenPrompt((reason) => new Promise((resolve) => setPending({ reason, resolve }))),
    [],
  );

  return {
    reason: pending?.reason ?? null,
    submit: (token) => {
      pending?.resolve(token.trim() || null);
      setPending(null);
    },
    cancel: () => {
      pending?.resolve(null);
      setPending(null);
    },
  };
}
