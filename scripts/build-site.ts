/**
 * Builds the page of site/ into one self-contained HTML file that works opened straight from the disk (file://):
 * the page's code and the library bundled for the browser (one classic script, minified, inlined) and the
 * examples' files embedded.
 *   npm run site                         (writes site/dist/pay-by-results.html)
 *   npx tsx scripts/build-site.ts <file> (writes it elsewhere)
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { EXAMPLE_SOURCES, type BundledExample } from "../site/examples.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const fromRoot = (path: string) => resolve(ROOT, path);

/** Where `npm run site` writes the page. */
export const SITE_PAGE = fromRoot("site/dist/pay-by-results.html");

/** The template's stand-in for the page's code. */
const SCRIPT_SLOT = '<script src="page.js"></script>';

/** Builds the page into `outFile` (a folder is made for it when missing) and returns the file's path. */
export async function buildSite(outFile: string = SITE_PAGE): Promise<string> {
  const template = readFileSync(fromRoot("site/page.html"), "utf8");
  if (!template.includes(SCRIPT_SLOT)) throw new Error(`site/page.html has no ${SCRIPT_SLOT} to replace`);
  const script = inlineSafe(await pageScript());
  const page = template.replace(SCRIPT_SLOT, () => `<script>${script}</script>`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, page);
  return outFile;
}

/** The page's code with the library, for browsers, as one classic script (a module would not load over file://). */
async function pageScript(): Promise<string> {
  const result = await build({
    entryPoints: [fromRoot("site/page.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: ["es2022"],
    minify: true,
    write: false,
    legalComments: "none",
    define: { BUNDLED_EXAMPLES: JSON.stringify(bundledExamples()) },
    logLevel: "warning",
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error("esbuild wrote no output for site/page.ts");
  return output.text;
}

function bundledExamples(): BundledExample[] {
  const file = (path: string) => ({ name: basename(path), text: readFileSync(fromRoot(path), "utf8") });
  return EXAMPLE_SOURCES.map((source) => ({
    id: source.id,
    contract: file(source.contract),
    results: file(source.results),
    asOf: source.asOf,
  }));
}

/**
 * A script made safe to write inside `<script>…</script>`: a `</script` (only ever inside a string or a regular
 * expression of the bundled code) is written `<\/script`, the same there, so that it cannot end the element early.
 * A `<!--` would change how the browser looks for the end of the element: none is expected, so it stops the build.
 */
function inlineSafe(script: string): string {
  if (script.includes("<!--")) throw new Error("the page's script holds <!--, which cannot be inlined as it is");
  return script.replace(/<\/(script)/gi, "<\\/$1");
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const written = await buildSite(process.argv[2] === undefined ? SITE_PAGE : resolve(process.argv[2]));
  console.log(`wrote ${written}`);
}
