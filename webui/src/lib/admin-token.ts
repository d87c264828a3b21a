/**
 * The admin bearer token: kept in sessionStorage (gone when the tab closes) and asked for through whichever
 * prompt the UI registered (see use-admin-token-prompt.ts). Only the API client reads and writes it.
 */
const STORAGE_KEY = 'vps.adminToken';

export type TokenPromptReason = 'missing' | 'rejected';
export type TokenPrompt = (reason: TokenPromptReason) => Promise<string | null>;

let prompt: TokenPrompt | null = null;
let pending: Promise<string | null> | null = null;

export function getAdminToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setAdminToken(token: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // storage unavailable (private mode): the token just lives for this call
  }
}

export function clearAdminToken(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // ignore
  }
}

/** Registers the function that asks the user for a token; returns an unregister function. */
export function registerTokenPrompt(next: TokenPrompt): () => void {
  prompt = next;
  return () => {
    if (prompt === next) prompt = null;
  };
}

/** Asks once even when several admin calls fail together; resolves null when nobody can answer or the user cancels. */
export function requestAdminToken(reason: TokenPromptReason): Promise<string | null> {
  if (!prompt) return Promise.resolve(null);
  if (!pending) {
    pending = prompt(reason).finally(() => {
      pending = null;
    });
  }
  return pending;
}
