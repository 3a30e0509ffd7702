import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '{contract,db,native,host,electron,server,renderer,test/integration,test/peers,scripts,bench}/**/*.test.{ts,tsx}',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: integration tests start real processes, so keep parallelism modest.
    maxWorkers: 2,
  },
});
