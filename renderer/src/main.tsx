import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import './focus.css';
import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import { MantineProvider, createTheme } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { HashRouter } from 'react-router';
import { queryClient } from './query';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { accessibleColors, accessibleComponents } from './theme-a11y';

dayjs.locale('zh-cn');

const theme = createTheme({
  primaryColor: 'red',
  colors: accessibleColors,
  components: accessibleComponents,
  fontFamily:
    '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif',
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <DatesProvider settings={{ locale: 'zh-cn', firstDayOfWeek: 1 }}>
        <ErrorBoundary>
          <QueryClientProvider client={queryClient}>
            {/* Hash history suits app://: deep links (#/items/…) and back/forward. */}
            <HashRouter>
              <App />
            </HashRouter>
          </QueryClientProvider>
        </ErrorBoundary>
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
