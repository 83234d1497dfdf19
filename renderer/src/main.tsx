/**
 * Renderer entry: fonts, styles, UI strings, then the app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/600.css';
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/700.css';
import './i18n';
import './design/tokens.css';
import './styles.css';
import './design/controls.css';
import { App } from './app/App';

// zod's JIT probes with `new Function`, which the page's content security policy forbids.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
