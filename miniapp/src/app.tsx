import type { PropsWithChildren } from 'react';

import { setUpH5Document } from './utils/h5-document';

import './app.scss';

if (process.env.TARO_ENV === 'h5') setUpH5Document();

// The app component only hosts the current page; app-wide settings (login, 长者模式) live in small
// stores that each page frame reads (services/token-store.ts, services/elderly-mode.ts).
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
