import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path/posix";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * What `npm pack` puts in the package (after `npm run build`, which `npm test` runs first): the files a package
 * is expected to have, and no file that nothing uses. A file is used when package.json names it (main, module,
 * types, bin, exports), when a used file imports it or starts it (the simulation's worker), or when it is the
 * source map of a used file.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const root = (path: string) => join(ROOT, path);

interface PackageJson {
  readonly version: string;
  readonly license: string;
  readonly main: string;
  readonly module: string;
  readonly types: string;
  readonly bin: Record<string, string>;
  readonly exports: unknown;
}

const packageJson = JSON.parse(readFileSync(root("package.json"), "utf8")) as PackageJson;

function packedFiles(): string[] {
  const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const [pack] = JSON.parse(output) as [{ files: { path: string }[] }];
  return pack.files.map((file) => file.path).sort();
}

/** Every string leaf of package.json's `exports`. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === "string") return [exports];
  if (exports === null || typeof exports !== "object") return [];
  return Object.values(exports).flatMap(exportTargets);
}

/** The packed files a file uses: relative imports, the worker it starts, its source map. */
function usedBy(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:from|import|require\()\s*["'](\.{1,2}\/[^"']+)["']/g)].map(
    (match) => match[1]!,
  );
  const workers = [...text.matchAll(/new URL\(["'](\.{1,2}\/[^"']+\.js)["']/g)].map((match) => match[1]!);
  const map = /\/\/# sourceMappingURL=(\S+)/.exec(text)?.[1];
  const resolved = [...specifiers, ...workers, ...(map === undefined ? [] : [map])].map((specifier) =>
    normalize(join(dirname(file), specifier)),
  );
  // a declaration file names its neighbours by their JavaScript names
  if (file.endsWith(".d.ts")) return resolved.map((path) => path.replace(/\.js$/, ".d.ts"));
  if (file.endsWith(".d.cts")) return resolved.map((path) => path.replace(/\.cjs$/, ".d.cts"));
  return resolved;
}

describe("the package's files", () => {
  let files: string[] = [];
  beforeAll(() => {
    if (!existsSync(root("dist/index.js")))
      throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
    files = packedFiles();
  });

  it("ship a LICENSE of the licence package.json names, a changelog and the readme", () => {
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "CHANGELOG.md", "README.md", "package.json"]));
    expect(packageJson.license).toBe("MIT");
    expect(readFileSync(root("LICENSE"), "utf8")).toMatch(/^MIT License\n/);
  });

  it("the changelog follows Keep a Changelog and records the API changes", () => {
    const changelog = readFileSync(root("CHANGELOG.md"), "utf8");
    expect(changelog).toMatch(/^# Changelog\n/);
    expect(changelog).toContain("Keep a Changelog");
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
    expect(changelog).toMatch(/^### Changed$/m);
    expect(changelog).toContain("ClaimDecisionList");
  });

  it("holds no file that nothing uses", () => {
    const packed = new Set(files);
    const start = [
      packageJson.main,
      packageJson.module,
      packageJson.types,
      ...Object.values(packageJson.bin),
      ...exportTargets(packageJson.exports),
    ];
    const used = new Set(["package.json", "README.md", "LICENSE", "CHANGELOG.md"]);
    const queue = start.map((path) => normalize(path));
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (used.has(file)) continue;
      expect(packed.has(file), `${file} is named but not packed`).toBe(true);
      used.add(file);
      if (/\.(c?js|d\.c?ts)$/.test(file)) queue.push(...usedBy(file, readFileSync(root(file), "utf8")));
    }
    expect(files.filter((file) => !used.has(file))).toEqual([]);
  });

  it("ships source maps without the sources' text", () => {
    const maps = files.filter((file) => file.endsWith(".map"));
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      const { sourcesContent } = JSON.parse(readFileSync(root(map), "utf8")) as { sourcesContent?: unknown };
      expect(sourcesContent, map).toBeUndefined();
    }
  });

  it("the command in bin is the ES module build, with a #! line", () => {
    expect(packageJson.bin).toEqual({ "pay-by-results": "./dist/cli.js" });
    expect(readFileSync(root("dist/cli.js"), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(files).not.toContain("dist/cli.cjs");
  });
});
