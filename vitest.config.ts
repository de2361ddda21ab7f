import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The command-line tests and the pages of the docs start the built binary some two hundred times; they run in
    // the UTC pass only. The other time-zone passes (npm run test:unit) still check the same reports in-process
    // (test/report). The page's test (test/browser) starts a browser, and the page reads no clock; the spreadsheet
    // test (test/spreadsheets/libreoffice) starts LibreOffice on files whose dates are computed without a clock or a
    // time zone: UTC pass only.
    exclude:
      process.env.TZ === undefined || process.env.TZ === "UTC"
        ? []
        : ["test/cli/**", "test/docs/pages-*.test.ts", "test/browser/**", "test/spreadsheets/libreoffice.test.ts"],
    // The test files share their workers' module cache instead of re-importing the library for each file: the suite
    // changes no module state (no mocks, no globals), and re-importing cost ten times the time of the imports kept.
    isolate: false,
    // A fixed seed for the property tests unless FC_SEED says otherwise (see test/setup/fast-check.ts).
    setupFiles: ["test/setup/fast-check.ts"],
    // No test is timed: a test fails for what it computes, never because the machine is busy. The budgets below
    // only stop a test that hangs (ten minutes, the whole suite's own budget on two busy cores).
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
