import { createRoot } from 'react-dom/client';
import './app/i18n.ts';
import './app/global.css';
import { App } from './app/App.tsx';

createRoot(document.getElementById('root')!).render(<App />);
