import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
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
