/**
 * Benchmark of what a browser app pays to import the library: fixed entry files are bundled from the package's
 * sources with esbuild (bundle, minify, browser platform, ES module, tree shaking) and gzip-compressed at level 9.
 * Each size is printed beside its target (issue "In the browser and in other people's apps") and beside a floor
 * bundled the same way in the same run: what the entry needs at the least — its run-time dependency imported
 * alone, or a bare implementation (a largest-remainder split for allocate, nothing for xirr and for
 * settling, which carry no dependency) — and the ratio.
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
    floor: "console.log(JSON.parse);",
    floorName: "nothing: no dependency is bundled",
    targetKb: 50,
  },
  {
    name: "allocate",
    code: 'import { allocate } from "./src/index.ts"; console.log(allocate);',
    // a bare largest-remainder split of a decimal text in cents, with no checks and no messages
    floor:
      "const r=/^(-?)(\\d+)\\.(\\d\\d)$/;export function allocate(a,w){const[,s,i,f]=r.exec(a.amount);const u=BigInt(i+f),t=w.reduce((x,y)=>x+BigInt(y),0n);" +
      "const p=w.map(x=>u*BigInt(x)/t),m=w.map((x,k)=>u*BigInt(x)-p[k]*t);let l=u-p.reduce((x,y)=>x+y,0n);" +
      "for(const k of m.map((x,k)=>k).sort((a,b)=>m[b]>m[a]?1:m[b]<m[a]?-1:a-b)){if(l<=0n)break;p[k]++;l--}" +
      "return p.map(x=>({amount:s+String(x/100n)+'.'+String(x%100n).padStart(2,'0'),currency:a.currency}))}console.log(allocate);",
    floorName: "a bare largest-remainder split",
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
