import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Properties run many cases; keep the default per-test budget generous but finite.
    testTimeout: 30_000,
  },
});
