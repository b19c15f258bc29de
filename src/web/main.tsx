import { createRoot } from 'react-dom/client';
import './i18n/index';
import './styles.css';
import { App } from './App';
import { preloadPageOf } from './nav';

// the page's chunk beside the sign-in check (boot.ts), not after it
preloadPageOf(location.hash);

createRoot(document.getElementById('root')!).render(<App />);
