import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outputDiffers, pageSteps, replaceBlock, type Step } from "./doc-steps.js";

/**
 * Every page of README.md and docs/ followed literally, against the built package (dist/, made by `npm run
 * build`, which `npm test` runs first), as a stranger would: each page in a folder of its own where
 * `pay-by-results`, `npx pay-by-results` and `node dist/cli.js` are the built command line and
 * `import … from "pay-by-results"` is the built library. What a page shows as output is compared with what is
 * printed; when they differ, the test names the page and line to update. See doc-steps.ts for the directives.
 *
 * `UPDATE_DOCS=1 npx vitest run test/docs/pages-` writes what the library prints into the pages' `exact`
 * and `begins` output blocks (the same number of lines for `begins`); read the change before committing it.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = join(ROOT, "test", "docs", "pages");

function markdownUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return markdownUnder(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

/** README.md and every page under docs/, in English and Italian. */
export const PAGES: readonly string[] = ["README.md", ...markdownUnder("docs").sort()];
const UPDATE = process.env.UPDATE_DOCS === "1";

/** The page's own folder: its fixtures, the built package as a dependency, the command on the PATH. */
function pageFolder(page: string): string {
  const folder = mkdtempSync(join(tmpdir(), "pay-by-results-docs-"));
  // what several pages' fixtures share (test/docs/pages/shared/), then the page's own
  for (const fixtures of [join(FIXTURES, "shared"), join(FIXTURES, page.replace(/\.md$/, "").replaceAll("/", "_"))]) {
    if (existsSync(fixtures)) cpSync(fixtures, folder, { recursive: true });
  }
  // a project of ES modules, like the one the guides tell a reader to make
  writeFileSync(join(folder, "package.json"), `${JSON.stringify({ private: true, type: "module" })}\n`);
  mkdirSync(join(folder, "node_modules"));
  symlinkSync(ROOT, join(folder, "node_modules", "pay-by-results"), "dir");
  symlinkSync(join(ROOT, "dist"), join(folder, "dist"), "dir");
  mkdirSync(join(folder, ".bin"));
  const command = join(folder, ".bin", "pay-by-results");
  writeFileSync(command, `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "dist", "cli.js")}" "$@"\n`);
  // npx runs only the package's own command here: nothing is looked up or downloaded
  const npx = join(folder, ".bin", "npx");
  writeFileSync(
    npx,
    `#!/bin/sh\n[ "$1" = pay-by-results ] || { echo "npx $1: not the package's command" >&2; exit 127; }\nshift\nexec "${command}" "$@"\n`,
  );
  chmodSync(command, 0o755);
  chmodSync(npx, 0o755);
  return folder;
}

interface Ran {
  readonly command: string;
  readonly code: number | null;
  readonly output: string;
}

function runIn(folder: string, command: string): Ran {
  const path = [join(folder, ".bin"), join(ROOT, "node_modules", ".bin"), process.env.PATH ?? ""].join(delimiter);
  const result = spawnSync("sh", ["-c", `{ ${command}\n} 2>&1`], {
    cwd: folder,
    encoding: "utf8",
    env: { ...process.env, PATH: path, NO_COLOR: "1", FORCE_COLOR: "0" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { command, code: result.status, output: result.stdout };
}

function title(step: Step): string {
  switch (step.kind) {
    case "file":
      return `writes ${step.name}`;
    case "run":
      return `${step.shown ? "runs" : "runs (not shown)"} ${step.commands.join("; ")}`;
    case "program":
      return `runs the ${step.language} program`;
    case "output":
      return `prints what the page shows (${step.match})`;
    case "skip":
      return `not run: ${step.reason}`;
  }
}

/**
 * Follows each page of `pages` (paths from the repository's root) as a describe block of its own: one test per
 * step, in order. The pages are spread over a few test files (test/docs/pages-*.test.ts) so that the runner
 * can follow several at once.
 */
export function describePages(pages: readonly string[]): void {
  for (const page of pages) {
    describePage(page);
  }
}

function describePage(page: string): void {
  const { steps, problems } = pageSteps(readFileSync(join(ROOT, page), "utf8"));

  describe(page, () => {
    let folder = "";
    let last: Ran[] | undefined;
    const updates: { line: number; body: string }[] = [];
    beforeAll(() => {
      if (!existsSync(join(ROOT, "dist", "cli.js")))
        throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
      folder = pageFolder(page);
    });
    afterAll(() => {
      if (folder !== "") rmSync(folder, { recursive: true, force: true });
      if (updates.length === 0) return;
      const text = readFileSync(join(ROOT, page), "utf8");
      // from the bottom up, so that each block's line is still where it was
      const updated = updates
        .sort((a, b) => b.line - a.line)
        .reduce((page, { line, body }) => replaceBlock(page, line, body), text);
      writeFileSync(join(ROOT, page), updated);
    });

    it("every block says how it is tested", () => {
      expect(problems.map((problem) => `${page}: ${problem}`)).toEqual([]);
    });

    for (const step of steps) {
      const name = `${page}:${step.line} ${title(step)}`;
      if (step.kind === "skip") {
        it.skip(name, () => {});
        continue;
      }
      it(name, () => {
        const where = `${page}:${step.line}`;
        switch (step.kind) {
          case "file":
            writeFileSync(join(folder, step.name), step.body);
            return;
          case "run":
          case "program": {
            const commands = step.kind === "run" ? step.commands : [programCommand(folder, step)];
            const ran = commands.map((command) => runIn(folder, command));
            // an output block shows what every run since the previous output block printed
            last = [...(last ?? []), ...ran];
            for (const one of ran) {
              expect(
                one.code,
                `${where}: "${one.command}" exited with ${String(one.code)}, the page expects ${step.exit}:\n${one.output}`,
              ).toBe(step.exit);
            }
            return;
          }
          case "output": {
            expect(last, `${where}: an output block with no run before it`).toBeDefined();
            const differs = outputDiffers(last!.map((ran) => ran.output).join(""), step.body, step.match);
            last = undefined;
            if (UPDATE && differs !== undefined && (step.match === "exact" || step.match === "begins")) {
              const lines = differs.actual.split("\n");
              updates.push({
                line: step.line,
                body:
                  step.match === "exact"
                    ? differs.actual
                    : lines.slice(0, differs.expected.split("\n").length).join("\n"),
              });
              return;
            }
            // on a difference, update the block at this line of the page to what the library prints
            expect(
              differs?.actual,
              `${where}: the page shows other output than the library prints; update ${page} at line ${step.line}`,
            ).toBe(differs?.expected);
            return;
          }
        }
      });
    }
  });
}

/** How a reader's editor checks a TypeScript block: strict, against the built package's types. */
const TYPE_CHECK = [
  "tsc --noEmit --strict --exactOptionalPropertyTypes --noUncheckedIndexedAccess",
  "--module nodenext --moduleResolution nodenext --target es2022 --skipLibCheck",
  `--types node --typeRoots "${join(ROOT, "node_modules", "@types")}"`,
].join(" ");

/**
 * A js or ts block, saved beside the page's files and run as a program: node for js; for ts, the type checker
 * first (a block that would not compile in a reader's project fails here, its errors printed), then tsx.
 */
function programCommand(folder: string, step: Extract<Step, { kind: "program" }>): string {
  const file = `block-${step.line}.${step.language === "js" ? "mjs" : "ts"}`;
  writeFileSync(join(folder, file), step.body);
  return step.language === "js" ? `node ${file}` : `${TYPE_CHECK} ${file} && tsx ${file}`;
}

/**
 * Which test file follows a page: the guides, the pricing guides, the analysts' pages, and the reference (every
 * other page, so that a new page is always followed).
 */
export function pageGroup(page: string): "guides" | "pricing" | "analysis" | "reference" {
  const path = page.split(sep).join("/");
  if (path === "README.md" || path === "docs/getting-started.md" || path === "docs/index.md") return "guides";
  if (path.startsWith("docs/it/")) return "guides";
  if (path.startsWith("docs/pricing/")) return "pricing";
  if (["docs/finance.md", "docs/fis-path.md", "docs/formulas.md", "docs/measurement.md"].includes(path))
    return "analysis";
  return "reference";
}
