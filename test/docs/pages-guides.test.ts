import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describePages, PAGES, pageGroup } from "./page-runner.js";

/** The guides pages of the docs, followed literally against the built package (see page-runner.ts). */
describePages(PAGES.filter((page) => pageGroup(page) === "guides"));

describe("the pages under test", () => {
  it("are README.md and every page under docs/, in English and in Italian, each followed by one test file", () => {
    expect(PAGES).toContain("README.md");
    expect(PAGES).toContain(join("docs", "getting-started.md"));
    expect(PAGES).toContain(join("docs", "it", "guida-rapida.md"));
    const groups = new Set(PAGES.map(pageGroup));
    expect([...groups].sort()).toEqual(["analysis", "guides", "pricing", "reference"]);
  });
});
