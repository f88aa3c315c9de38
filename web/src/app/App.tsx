import { useState } from 'react';
import { Provider } from 'react-redux';
import { RouterProvider } from 'react-router';
import { ToastProvider } from '../common/toast/ToastProvider';
import { I18nProvider } from './i18n';
import { createAppRouter } from './router';
import type { AppStore } from './store';
import { AppThemeProvider } from './theme/AppThemeProvider';

export function App({ store }: { store: AppStore }) {
  const [router] = useState(() => createAppRouter(store));
  return (
    <Provider store={store}>
      <I18nProvider>
        <AppThemeProvider>
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </AppThemeProvider>
      </I18nProvider>
    </Provider>
  );
}
