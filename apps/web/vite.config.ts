import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API the page's `/api` calls go to: the one `pnpm start` serves, unless API_URL names another. */
const api = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  // Same origin for page and API, so the login cookie (Path=/api, SameSite=Strict) goes with every call.
  // Port 5173 is where the API sends creators back after Stripe's onboarding (APP_URL): fail rather than move.
  server: { port: 5173, strictPort: true, proxy: { '/api/': api } },
  preview: { proxy: { '/api/': api } },
});
