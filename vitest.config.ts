import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A fixed seed for the property tests unless FC_SEED says otherwise (see test/setup/fast-check.ts).
    setupFiles: ["test/setup/fast-check.ts"],
    // Properties run many cases; keep the default per-test budget generous but finite.
    testTimeout: 30_000,
  },
});
