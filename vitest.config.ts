import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The command-line tests start the built binary some forty times; they run in the UTC pass only. The other
    // time-zone passes (npm run test:unit) still check the same reports in-process (test/report).
    exclude: process.env.TZ === undefined || process.env.TZ === "UTC" ? [] : ["test/cli/**"],
    // A fixed seed for the property tests unless FC_SEED says otherwise (see test/setup/fast-check.ts).
    setupFiles: ["test/setup/fast-check.ts"],
    // Properties run many cases; keep the default per-test budget generous but finite.
    testTimeout: 30_000,
  },
});
