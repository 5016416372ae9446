// Catches an error thrown while rendering and hands it to the console to end on.
// Ink's own boundary would catch it too, but an error in the first frame ends
// Ink before anyone waits for it to end (render() has not returned yet), so its
// exit promise never settled: the process stayed, deaf to q, ctrl-c and SIGTERM.
import React, { Component, type ReactNode } from 'react';

interface Props {
  readonly onError: (error: unknown) => void;
  readonly children?: ReactNode;
}

export class CrashGuard extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    this.props.onError(error);
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

export const crashGuard = (onError: (error: unknown) => void, child: ReactNode) => React.createElement(CrashGuard, { onError }, child);
