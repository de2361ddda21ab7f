import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * Nothing in the project reads outside its own repository: a stranger's clone, alone in an empty folder, has
 * only what the repository holds. This scans every source, test, script, benchmark and example for a path that
 * leaves the repository: a relative path climbing above the repository's root from the file that names it, a
 * bare ".." segment handed to path functions, or an absolute path into a machine's own folders.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SCANNED = ["src", "test", "scripts", "bench", "examples"];
const TEXT = /\.(ts|mts|cts|js|mjs|cjs|json|py|R|sh)$/;

/** A problem found in one file: its line (from 1) and what leaves the repository. */
interface Escape {
  readonly line: number;
  readonly found: string;
  readonly why: string;
}

const RELATIVE = /(?:\.\.\/)+[^\s"'`)]*/g;
const BARE_PARENT = /(["'`])\.\.\1/g;
const MACHINE_FOLDER = /["'`](?:\/work|\/home|\/Users|\/root|\/mnt|[A-Za-z]:\\)[/\\][^"'`]*/g;

/** Every path in `text` (a file at `filePath` inside `root`) that leads outside `root`. */
function escapesIn(text: string, filePath: string, root: string): Escape[] {
  const found: Escape[] = [];
  const base = resolve(root);
  text.split("\n").forEach((line, index) => {
    for (const [match] of line.matchAll(RELATIVE)) {
      const target = resolve(dirname(filePath), match);
      const inside = target === base || target.startsWith(base + sep);
      if (!inside) found.push({ line: index + 1, found: match, why: `resolves to ${target}, outside the repository` });
    }
    for (const [match] of line.matchAll(BARE_PARENT)) {
      found.push({
        line: index + 1,
        found: match,
        why: "a bare parent-folder segment: build paths from the file's own URL instead",
      });
    }
    for (const [match] of line.matchAll(MACHINE_FOLDER)) {
      found.push({ line: index + 1, found: match.slice(1), why: "an absolute path into one machine's folders" });
    }
  });
  return found;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : filesUnder(path);
    return TEXT.test(entry.name) ? [path] : [];
  });
}

describe("the repository is self-contained", () => {
  it("no file in src/, test/, scripts/, bench/ or examples/ names a path outside the repository", () => {
    const files = SCANNED.flatMap((folder) => filesUnder(join(ROOT, folder)));
    expect(files.length).toBeGreaterThan(100);
    const escapes = files.flatMap((file) =>
      // this file's own examples below are written to be caught
      file.endsWith(join("test", "project", "self-contained.test.ts"))
        ? []
        : escapesIn(readFileSync(file, "utf8"), file, ROOT).map(
            ({ line, found, why }) => `${relative(ROOT, file)}:${line}: ${found} (${why})`,
          ),
    );
    expect(escapes).toEqual([]);
  });

  it("catches a path that climbs out, a bare '..' and a machine folder; lets a path inside pass", () => {
    const root = resolve("/repo");
    const file = join(root, "test", "report", "indigo.test.ts");
    // the escaping path is assembled, so that no file of the project holds it whole
    const outside = `${"../".repeat(3)}shared/indigo/project.schema.json`;
    const text = [
      `const schema = here("${outside}");`,
      'const inside = new URL("../../README.md", import.meta.url);',
      'const fixture = here("../fixtures/indigo/project.schema.json");',
      'const up = join(root, "..", "shared");',
      'const mine = readFileSync("/work/shared/DOMAIN.md");',
    ].join("\n");
    expect(escapesIn(text, file, root).map(({ line, found }) => `${line} ${found}`)).toEqual([
      `1 ${outside}`,
      '4 ".."',
      "5 /work/shared/DOMAIN.md",
    ]);
  });
});
