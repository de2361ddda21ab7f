import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    // the command line
    cli: "src/node/cli.ts",
    // the Node-only entry point, and the worker file it starts (resolved beside it in dist/node/)
    "node/index": "src/node/index.ts",
    "node/simulation-worker": "src/node/simulation-worker.ts",
  },
  // import.meta.url in the CommonJS build, where the worker runner finds its worker file
  shims: true,
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  treeshake: true,
});
