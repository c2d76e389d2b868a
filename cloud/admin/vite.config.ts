import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The staff admin page. The service serves the build (dist/) at /admin/, so every asset URL starts there;
// `npm run dev -w @manyi/admin` serves it on :5173 and sends /api to a service on :3000.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  // One React in the workspace (Taro's 18.3.1 at the root): a second copy breaks antd's hooks.
  resolve: { dedupe: ['react', 'react-dom'] },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is ~930 kB minified (~300 kB gzip), cached in its own file.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        // The libraries change far less often than the page: separate files stay in the browser's cache.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|dayjs)[\\/]/ },
            { name: 'shared', test: /node_modules[\\/](zod|chinese-days)[\\/]|[\\/]shared[\\/]dist[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    // antd pages rendered in jsdom take seconds each on a busy two-core machine; 5 s is not a limit worth failing on.
    testTimeout: 60_000,
  },
});
