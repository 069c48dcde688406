import { createRoot } from 'react-dom/client';
import { startLanguage } from './app/i18n.ts';
import './app/global.css';
import { App } from './app/App.tsx';

await startLanguage();
createRoot(document.getElementById('root')!).render(<App />);
