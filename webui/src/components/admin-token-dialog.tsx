import { FormEvent, useEffect, useRef, useState } from 'react';
import { useAdminTokenPrompt } from '../lib/use-admin-token-prompt';

/** Asks for the admin token when an admin call answers 401; the API client stores it and retries. */
export function AdminTokenDialog() {
  const { reason, submit, cancel } = useAdminTokenPrompt();
  const [token, setToken] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (reason) {
      setToken('');
      input.current?.focus();
    }
  }, [reason]);

  if (!reason) return null;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(token);
  };

  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && cancel()}>
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="admin-token-title"
        onSubmit={onSubmit}
        data-testid="admin-token-dialog"
      >
        <h2 id="admin-token-title">Admin token</h2>
        <p className="muted">
          {reason === 'rejected'
            ? 'The server rejected the token. Enter a valid one to continue.'
            : 'This action needs the admin token: the one set in APP_SECURITY_ADMIN_TOKEN, or the one the service ' +
              'generated at its first start in the file admin-token of its data folder. It is kept for this ' +
              'browser tab only.'}
        </p>
        <label className="field">
          <span>Token</span>
          <input
            ref={input}
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            data-testid="admin-token-input"
          />
        </label>
        <div className="modal-actions">
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!token.trim()}>
            Continue
          </button>
        </div>
      </form>
    </div>
  );
}
