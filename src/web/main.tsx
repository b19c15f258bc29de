import { createRoot } from 'react-dom/client';
import './i18n/index';
// CJK fonts shipped with the app (Fontsource, split by unicode-range: a page fetches only the slices
// of characters it shows); regular weight only, bold is synthesised
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-tc/400.css';
import './styles.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<App />);
