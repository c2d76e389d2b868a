import type { PropsWithChildren } from 'react';

import './app.scss';

// The app component only hosts the current page; app-wide state (login, elderly mode) will
// be provided here once those issues land.
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
