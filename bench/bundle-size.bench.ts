/**
 * Benchmark of what a browser app pays to import the library: fixed entry files are bundled from the package's
 * sources with esbuild (bundle, minify, browser platform, ES module, tree shaking) and gzip-compressed at level 9.
 * Each size is printed beside its target (issue "In the browser and in other people's apps") and beside a floor
 * bundled the same way in the same run: what the entry needs at the least — its run-time dependency imported
 * alone (decimal.js for money, nothing for xirr, decimal.js + zod for settling) — and the ratio.
 *
 *   npx tsx bench/bundle-size.bench.ts
 */
import { gzipSync } from "node:zlib";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = dirname(fileURLToPath(new URL("../package.json", import.meta.url)));
const KB = 1024;

interface Entry {
  readonly name: string;
  readonly code: string;
  readonly floor: string;
  readonly floorName: string;
  readonly targetKb: number;
}

const ENTRIES: readonly Entry[] = [
  {
    name: "settle, parseContract, parseEvents, explain",
    code: 'import { settle, parseContract, parseEvents, explain } from "./src/index.ts"; console.log(settle, parseContract, parseEvents, explain);',
    floor: 'import Decimal from "decimal.js"; import * as z from "zod/mini"; console.log(Decimal, z.object);',
    floorName: "decimal.js + zod/mini's object schema",
    targetKb: 50,
  },
  {
    name: "allocate",
    code: 'import { allocate } from "./src/index.ts"; console.log(allocate);',
    floor: 'import Decimal from "decimal.js"; console.log(Decimal);',
    floorName: "decimal.js",
    targetKb: 5,
  },
  {
    name: "xirr",
    code: 'import { xirr } from "./src/index.ts"; console.log(xirr);',
    floor: "console.log(Math.pow);",
    floorName: "nothing",
    targetKb: 5,
  },
];

async function gzipSize(code: string): Promise<{ raw: number; gzip: number }> {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    treeShaking: true,
    logLevel: "silent",
  });
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
console.log("import (minified, gzip)                        size   target   floor (what it needs at least)  ratio");
for (const entry of ENTRIES) {
  const size = await gzipSize(entry.code);
  const floor = await gzipSize(entry.floor);
  const verdict = size.gzip <= entry.targetKb * KB ? "within" : "OVER";
  console.log(
    `${entry.name.padEnd(44)} ${kb(size.gzip).padStart(9)} ${`${entry.targetKb} KB`.padStart(8)} ${verdict.padEnd(6)} ` +
      `${kb(floor.gzip).padStart(8)} (${entry.floorName})`.padEnd(40) +
      ` ${(size.gzip / Math.max(floor.gzip, 1)).toFixed(1)}×`,
  );
}
