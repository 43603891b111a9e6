import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // The renderer's rune modules (*.svelte.ts) are compiled as the app's build does.
        plugins: [svelte()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/setup-keychain-worker.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Keychain and packaging tests share one D-Bus session; run files one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
