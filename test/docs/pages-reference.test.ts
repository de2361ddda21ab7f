import { describePages, PAGES, pageGroup } from "./page-runner.js";

/** The reference pages of the docs, followed literally against the built package (see page-runner.ts). */
describePages(PAGES.filter((page) => pageGroup(page) === "reference"));
