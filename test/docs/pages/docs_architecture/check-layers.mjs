// node check-layers.mjs layers.txt : the page's list of layers (one `folder/  what it holds` a line) checked
// against the source code of the package (its src/ folder): every folder of src/ is listed, every listed folder
// exists, and each layer imports only from itself and from the layers listed before it. Prints the layers in
// order, then each import that breaks the order (a folder importing from a layer listed after it).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const src = resolve("node_modules/pay-by-results/src");
const listed = readFileSync(process.argv[2], "utf8")
  .split("\n")
  .map((line) => /^([a-z]+)\/\s/.exec(line)?.[1])
  .filter((layer) => layer !== undefined);
const folders = readdirSync(src, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

console.log(`layers listed: ${listed.join(", ")}`);
for (const folder of folders) if (!listed.includes(folder)) console.log(`src/${folder}/ is not listed`);
for (const layer of listed)
  if (!folders.includes(layer)) console.log(`${layer}/ is listed but is not a folder of src/`);

function sources(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const breaks = new Map();
for (const [rank, layer] of listed.entries()) {
  for (const file of folders.includes(layer) ? sources(join(src, layer)) : []) {
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)) {
      const target = relative(src, resolve(dirname(file), specifier)).split("/")[0];
      if (listed.indexOf(target) > rank) {
        const key = `${layer}/ imports from ${target}/, listed after it`;
        breaks.set(key, [...(breaks.get(key) ?? []), relative(src, file)]);
      }
    }
  }
}
for (const [key, files] of breaks) console.log(`${key}: ${[...new Set(files)].join(", ")}`);
if (breaks.size === 0) console.log("each layer imports only from itself and the layers listed before it");
