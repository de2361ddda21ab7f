import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The core runs anywhere: only src/node/ (the `pay-by-results/node` entry point) may import Node modules. */

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(folder, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(folder, entry.name)]
        : [],
  );
}

describe("entry points", () => {
  it("no module of the core imports node: modules (or fs, path, os, stream)", () => {
    const root = new URL("../../src", import.meta.url).pathname;
    const offenders = sourceFiles(root)
      .filter((file) => !file.startsWith(join(root, "node")))
      .filter((file) => /from\s+["'](node:|fs|path|os|stream)["'/]/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the package exports pay-by-results/node", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      exports: Record<string, unknown>;
    };
    expect(Object.keys(manifest.exports)).toContain("./node");
  });
});
