import { createContext } from 'react';

export interface Toast {
  message: string;
  severity?: 'success' | 'info' | 'warning' | 'error';
  action?: { label: string; onClick: () => void };
}

export const ToastContext = createContext<((toast: Toast) => void) | null>(null);
