// Empties dist/ before a build, so that no file of an earlier build is packed (the two builds of
// tsup.config.ts run side by side and cannot clean for each other).
import { rmSync } from "node:fs";

rmSync(new URL("../dist/", import.meta.url), { recursive: true, force: true });
