import { Component, ErrorInfo, ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * Last line of defence against a blank page: if a page throws while rendering (say, a server answer with an
 * unexpected shape), show what happened and keep the navigation usable. Keyed by path in the layout, so
 * navigating elsewhere resets it.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Page crashed', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="state state-error" role="alert" data-testid="page-crash">
        <strong>This page ran into a problem</strong>
        <span>{this.state.error.message}</span>
        <button type="button" className="button button-small" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
