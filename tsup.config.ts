import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "node/index": "src/node/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  treeshake: true,
  // One copy of shared code (e.g. the ClaimsError class) for both entry points, in CommonJS too, so that
  // `instanceof` holds across `pay-by-results` and `pay-by-results/node`.
  splitting: true,
});
