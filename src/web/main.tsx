// first: sends the sign-in check and fetches the page's code while the rest of the entry runs
import './boot';
import { createRoot } from 'react-dom/client';
import './i18n/index';
import './styles.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<App />);
