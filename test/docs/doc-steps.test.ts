import { describe, expect, it } from "vitest";
import { outputDiffers, pageSteps, replaceBlock, shellCommands } from "./doc-steps.js";

/** The extractor behind the pages test: directives read as steps, pages without them refused, outputs compared. */

const page = [
  "Save this:",
  "<!-- test: file contract.json -->",
  "```json",
  '{ "id": "c" }',
  "```",
  "<!-- test: run pay-by-results schema > schema.json -->",
  "Then run:",
  "",
  "<!-- test: run exit=1 -->",
  "```sh",
  "npx pay-by-results validate contract.json   # every problem",
  "```",
  "- in a list:",
  "  <!-- test: output contains -->",
  "  ```",
  "  contract.json: invalid contract",
  "  ```",
  "<!-- test: skip a placeholder address -->",
  "```sh",
  "git clone <address>",
  "```",
].join("\n");

describe("pageSteps", () => {
  it("reads each directive and its block as a step, dedenting blocks in lists", () => {
    const { steps, problems } = pageSteps(page);
    expect(problems).toEqual([]);
    expect(steps).toEqual([
      { kind: "file", line: 3, name: "contract.json", body: '{ "id": "c" }\n' },
      { kind: "run", line: 6, commands: ["pay-by-results schema > schema.json"], exit: 0, shown: false },
      { kind: "run", line: 10, commands: ["npx pay-by-results validate contract.json"], exit: 1, shown: true },
      { kind: "output", line: 15, match: "contains", body: "contract.json: invalid contract" },
      { kind: "skip", line: 19, reason: "a placeholder address", language: "sh" },
    ]);
  });

  it("runs a js or ts block as a program", () => {
    expect(pageSteps("<!-- test: run -->\n```ts\nconsole.log(1);\n```").steps).toEqual([
      { kind: "program", line: 2, language: "ts", body: "console.log(1);", exit: 0 },
    ]);
  });

  it("refuses a block without a directive, a directive without a block, and unknown or incomplete directives", () => {
    const bad = [
      "```json",
      "{}",
      "```",
      "<!-- test: run -->",
      "some prose",
      "",
      "<!-- test: frobnicate -->",
      "```",
      "x",
      "```",
      "<!-- test: skip -->",
      "```",
      "x",
      "```",
      "<!-- test: output sideways -->",
      "```",
      "x",
      "```",
      "<!-- test: run -->",
      "```json",
      "{}",
      "```",
      "<!-- test: file -->",
    ].join("\n");
    expect(pageSteps(bad).problems).toEqual([
      "line 1: this ```json block has no <!-- test: … --> directive before it",
      'line 4: the directive "run" is not followed by a block',
      'line 7: unknown directive "frobnicate": file, run, output or skip',
      "line 11: a skip directive needs its reason: <!-- test: skip REASON -->",
      'line 15: unknown output match "sideways": exact, begins, contains or lines',
      "line 19: a run directive applies to a sh, js or ts block, not ```json",
      'line 23: the directive "file" is not followed by a block',
    ]);
  });
});

describe("shellCommands", () => {
  it("one command a line: continuations joined, comments and blank lines dropped", () => {
    expect(shellCommands("# set up\nnpm run build\n\nnode dist/cli.js \\\n  --help   # the commands\n")).toEqual([
      "npm run build",
      "node dist/cli.js --help",
    ]);
  });
});

describe("outputDiffers", () => {
  const printed =
    "Settlement of c\nAs known on 2027-04-30.\n\nTranche t1\n  Rule: 28 × 2,500 = 70,000   \n  Cap: does not bite\n";

  it("accepts what was printed, by each match, ignoring spaces at line ends", () => {
    expect(
      outputDiffers(
        printed,
        "Settlement of c\nAs known on 2027-04-30.\n\nTranche t1\n  Rule: 28 × 2,500 = 70,000\n  Cap: does not bite",
        "exact",
      ),
    ).toBeUndefined();
    expect(outputDiffers(printed, "Settlement of c\nAs known on 2027-04-30.", "begins")).toBeUndefined();
    expect(outputDiffers(printed, "  Rule: 28 × 2,500 = 70,000\n  Cap: does not bite", "contains")).toBeUndefined();
    expect(outputDiffers(printed, "Settlement of c\n  Cap: does not bite", "lines")).toBeUndefined();
  });

  it("reports a page that shows something else: a drifted figure, lines out of order, a partial line", () => {
    expect(
      outputDiffers(
        printed,
        "Settlement of c\nAs known on 2027-04-30.\n\nTranche t1\n  Rule: 28 × 2,500 = 70,000\n  Cap: bites",
        "exact",
      ),
    ).toEqual({
      expected: "Settlement of c\nAs known on 2027-04-30.\n\nTranche t1\n  Rule: 28 × 2,500 = 70,000\n  Cap: bites",
      actual:
        "Settlement of c\nAs known on 2027-04-30.\n\nTranche t1\n  Rule: 28 × 2,500 = 70,000\n  Cap: does not bite",
    });
    expect(outputDiffers(printed, "Settlement", "begins")).toBeDefined();
    expect(outputDiffers(printed, "  Cap: does not bite\n  Rule: 28 × 2,500 = 70,000", "contains")).toBeDefined();
    expect(outputDiffers(printed, "  Cap: does not bite\nSettlement of c", "lines")).toBeDefined();
    expect(outputDiffers(printed, "  Rule: 28 × 2,500", "lines")).toBeDefined();
  });
});

describe("replaceBlock", () => {
  it("puts a new body in the block at a line, at the block's indent, leaving the rest of the page", () => {
    const text = "intro\n  ```\n  old one\n  old two\n  ```\nafter";
    expect(replaceBlock(text, 2, "new\n\nlines")).toBe("intro\n  ```\n  new\n\n  lines\n  ```\nafter");
  });
});
