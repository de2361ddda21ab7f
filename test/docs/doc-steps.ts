/**
 * The documentation's pages as steps to run. Every fenced block of a page carries a directive, an HTML comment
 * on the line just before it (invisible when the page is rendered), saying what the block is:
 *
 *   <!-- test: file contract.json -->      the block is a file: written under that name in the page's folder
 *   <!-- test: run -->                     shell commands, each run in the page's folder; or a ```js / ```ts
 *                                          block, run as a program (js with node; ts type-checked, then
 *                                          run with tsx)
 *   <!-- test: run exit=1 -->              the same, each command expected to exit with that code (default 0)
 *   <!-- test: output -->                  what the runs since the last output block printed (stdout and
 *                                          stderr as one), exactly
 *   <!-- test: output begins -->           … its first lines
 *   <!-- test: output contains -->         … lines that appear together, in this order, somewhere in it
 *   <!-- test: output lines -->            … lines that each appear in it, in this order, others between
 *   <!-- test: skip REASON -->             not run, for the reason given (a placeholder, a recursive npm test…)
 *
 * Two directives stand alone, without a block: `<!-- test: run [exit=N] COMMAND -->` runs a command the page
 * does not show (e.g. to settle a worked example whose contract the page only describes), and
 * `<!-- test: output … -->` is only ever followed by a block. Files a page needs but does not show live in
 * test/docs/pages/<the page's path, with / as _ and no .md>/ and are copied into the page's folder first, after
 * test/docs/pages/shared/ (the modules several pages' fixtures import).
 *
 * A block with no directive, a directive with no block, or an unknown directive is an error of the page.
 */

export type OutputMatch = "exact" | "begins" | "contains" | "lines";

export type Step =
  | { readonly kind: "file"; readonly line: number; readonly name: string; readonly body: string }
  | {
      readonly kind: "run";
      readonly line: number;
      readonly commands: readonly string[];
      readonly exit: number;
      readonly shown: boolean;
    }
  | {
      readonly kind: "program";
      readonly line: number;
      readonly language: "js" | "ts";
      readonly body: string;
      readonly exit: number;
    }
  | { readonly kind: "output"; readonly line: number; readonly match: OutputMatch; readonly body: string }
  | { readonly kind: "skip"; readonly line: number; readonly reason: string; readonly language: string };

/** A fenced block: the line of its opening fence (from 1), its info string, and its text without the fence's indent. */
interface Fence {
  readonly line: number;
  readonly info: string;
  readonly body: string;
}

const DIRECTIVE = /^\s*<!--\s*test:\s*(.*?)\s*-->\s*$/;
const FENCE = /^(\s*)(`{3,})(.*)$/;

/** The page's steps, in order, and the problems of its directives (each with its line). */
export function pageSteps(text: string): { steps: Step[]; problems: string[] } {
  const lines = text.split("\n");
  const steps: Step[] = [];
  const problems: string[] = [];
  let pending: { line: number; text: string } | undefined;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const directive = DIRECTIVE.exec(line);
    if (directive !== null) {
      if (pending !== undefined)
        problems.push(`line ${pending.line}: the directive "${pending.text}" is not followed by a block`);
      pending = undefined;
      const standalone = standaloneRun(directive[1]!, index + 1);
      if (standalone !== undefined) steps.push(standalone);
      else pending = { line: index + 1, text: directive[1]! };
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence === null) {
      if (pending !== undefined && line.trim() !== "") {
        problems.push(`line ${pending.line}: the directive "${pending.text}" is not followed by a block`);
        pending = undefined;
      }
      continue;
    }
    const [, indent = "", ticks = "", info = ""] = fence;
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !new RegExp(`^\\s*${ticks}\\s*$`).test(lines[end]!)) {
      body.push(lines[end]!.startsWith(indent) ? lines[end]!.slice(indent.length) : lines[end]!.trimStart());
      end++;
    }
    const block: Fence = { line: index + 1, info: info.trim(), body: body.join("\n") };
    index = end;
    if (pending === undefined) {
      problems.push(`line ${block.line}: this \`\`\`${block.info} block has no <!-- test: … --> directive before it`);
      continue;
    }
    const step = blockStep(pending.text, block);
    if (typeof step === "string") problems.push(`line ${pending.line}: ${step}`);
    else steps.push(step);
    pending = undefined;
  }
  if (pending !== undefined)
    problems.push(`line ${pending.line}: the directive "${pending.text}" is not followed by a block`);
  return { steps, problems };
}

const RUN = /^run(?:\s+exit=(\d+))?(?:\s+(.*))?$/;

function standaloneRun(text: string, line: number): Step | undefined {
  const run = RUN.exec(text);
  if (run === null || run[2] === undefined || run[2].trim() === "") return undefined;
  return { kind: "run", line, commands: [run[2].trim()], exit: Number(run[1] ?? 0), shown: false };
}

function blockStep(text: string, block: Fence): Step | string {
  const language = block.info.split(/\s+/)[0] ?? "";
  const [word = "", ...rest] = text.split(/\s+/);
  const argument = rest.join(" ");
  switch (word) {
    case "file":
      return argument === ""
        ? "a file directive needs a name: <!-- test: file NAME -->"
        : { kind: "file", line: block.line, name: argument, body: `${block.body}\n` };
    case "run": {
      const run = RUN.exec(text);
      if (run === null) return `"${text}" is not a run directive: <!-- test: run [exit=N] -->`;
      const exit = Number(run[1] ?? 0);
      if (language === "js" || language === "ts")
        return { kind: "program", line: block.line, language, body: block.body, exit };
      if (language !== "sh") return `a run directive applies to a sh, js or ts block, not \`\`\`${language}`;
      return { kind: "run", line: block.line, commands: shellCommands(block.body), exit, shown: true };
    }
    case "output": {
      const match = (argument === "" ? "exact" : argument) as OutputMatch;
      if (!["exact", "begins", "contains", "lines"].includes(match))
        return `unknown output match "${argument}": exact, begins, contains or lines`;
      return { kind: "output", line: block.line, match, body: block.body };
    }
    case "skip":
      return argument === ""
        ? "a skip directive needs its reason: <!-- test: skip REASON -->"
        : { kind: "skip", line: block.line, reason: argument, language };
    default:
      return `unknown directive "${text}": file, run, output or skip`;
  }
}

/** The commands of a shell block: one a line, `\` continuations joined, comments and blank lines dropped. */
export function shellCommands(body: string): string[] {
  return body
    .replace(/\s*\\\n\s*/g, " ")
    .split("\n")
    .map((line) => line.replace(/(^|\s)#.*$/, "").trim())
    .filter((line) => line !== "");
}

const lineEnds = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n+$/, "");

/**
 * Whether what was printed is what the page shows, by the page's own match; `undefined` when it is, or else
 * the lines the page should show instead (for the message that names the page to update).
 */
export function outputDiffers(
  printed: string,
  shown: string,
  match: OutputMatch,
): { expected: string; actual: string } | undefined {
  const actual = lineEnds(printed);
  const expected = lineEnds(shown);
  const actualLines = actual.split("\n");
  const expectedLines = expected.split("\n");
  let same: boolean;
  switch (match) {
    case "exact":
      same = actual === expected;
      break;
    case "begins":
      same = actual === expected || actual.startsWith(`${expected}\n`);
      break;
    case "contains":
      same = actualLines.some((_, start) =>
        expectedLines.every((line, offset) => actualLines[start + offset] === line),
      );
      break;
    case "lines": {
      let from = 0;
      same = expectedLines.every((line) => {
        if (line === "") return true;
        const found = actualLines.indexOf(line, from);
        from = found + 1;
        return found >= 0;
      });
      break;
    }
  }
  return same ? undefined : { expected, actual };
}

/**
 * The page with the block whose opening fence is at `fenceLine` (from 1) holding `body` instead, at the
 * block's own indent: how `UPDATE_DOCS=1` writes what the library prints back into a page.
 */
export function replaceBlock(text: string, fenceLine: number, body: string): string {
  const lines = text.split("\n");
  const [, indent = "", ticks = ""] = FENCE.exec(lines[fenceLine - 1] ?? "") ?? [];
  if (ticks === "") throw new Error(`line ${fenceLine} is not a fence`);
  let end = fenceLine;
  while (end < lines.length && !new RegExp(`^\\s*${ticks}\\s*$`).test(lines[end]!)) end++;
  const indented = body.split("\n").map((line) => (line === "" ? "" : indent + line));
  return [...lines.slice(0, fenceLine), ...indented, ...lines.slice(end)].join("\n");
}
