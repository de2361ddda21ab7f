import { defineConfig, type Options } from "tsup";

/**
 * Two builds. The library's entry points ship as ES modules and as CommonJS, each with its types. The command
 * line and the simulation's worker file are ES modules only: `bin` runs `dist/cli.js`, and the worker runner
 * (in either build) starts `dist/node/simulation-worker.js`. `npm run build` empties dist/ first.
 *
 * Source maps ship without the sources' text (`sourcesContent`): they still map a stack trace to the file and
 * line of src/, at a third of the size.
 */
const shared: Options = {
  // import.meta.url in the CommonJS build, where the worker runner finds its worker file
  shims: true,
  sourcemap: true,
  target: "node20",
  treeshake: true,
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
};

const library = { index: "src/index.ts", "node/index": "src/node/index.ts" };

export default defineConfig([
  {
    ...shared,
    entry: {
      ...library,
      cli: "src/node/cli.ts",
      "cli-commands": "src/node/cli-commands.ts",
      // the `claims` command alone: the chunks it shares hold none of the modules it does not use
      "cli-claims": "src/node/cli-claims.ts",
      "node/simulation-worker": "src/node/simulation-worker.ts",
    },
    format: ["esm"],
    dts: { entry: library },
  },
  { ...shared, entry: library, format: ["cjs"], dts: { entry: library } },
]);
