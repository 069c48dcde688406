import { createRoot } from 'react-dom/client';
import { startLanguage } from './app/i18n.ts';
import './app/global.css';
import { App, screenReady } from './app/App.tsx';
import { hasServerMarkup } from './app/first-page.ts';

await startLanguage();
const root = document.getElementById('root')!;
// the server's markup of the screen (the ticket list's first page) stays until the app can draw it
if (hasServerMarkup(root)) await screenReady();
createRoot(root).render(<App />);
