import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/build-site.js";
import {
  explain,
  explainClaims,
  parseContract,
  parseEvents,
  renderHtml,
  safeParseContract,
  safeParseEvents,
  settle,
  settleClaimsAsync,
  settlementToCsv,
  type ClaimSettlement,
  type Money,
  type PartyTotals,
  type Settlement,
} from "../../src/index.js";
import { readClaimsCsv } from "../../src/node/index.js";
import { claimsSheets, settlementSheets } from "../../src/report/workbook-sheets.js";

/**
 * The page of site/ in a real browser: built by scripts/build-site.ts, opened from the disk (file://) in Debian's
 * Chromium, headless. What it shows must be what the library computes here, in Node: the totals and statuses of
 * `settle`, at any date, the problems of `safeParseContract` and `safeParseEvents` with their paths, the report
 * in Italian, and the totals of a rate card's claims read from CSV. The page and its screenshots are written to
 * pay-by-results-page/ in the system's temporary folder (look at them there), never into the repository.
 */

const CHROMIUM = "/usr/bin/chromium";
const OUTPUT = join(tmpdir(), "pay-by-results-page");
const example = (path: string) => fileURLToPath(new URL(`../../examples/${path}`, import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(example(path), "utf8"));

const fisContract = parseContract(readJson("fis-dispersione/contract.json"));
const fisEvents = parseEvents(readJson("fis-dispersione/events.json"), { contract: fisContract });
const fisAsOf = (asOf: string) => settle(fisContract, fisEvents, { asOf });

let browser: Browser;
let pageUrl: string;
/** Errors thrown in the pages opened by a test: none is expected. */
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the page's test runs in Debian's Chromium. Install it with ` +
        "`apt-get install -y --no-install-recommends chromium` (.ci/run does so before npm test).",
    );
  }
  rmSync(OUTPUT, { recursive: true, force: true });
  mkdirSync(OUTPUT, { recursive: true });
  pageUrl = pathToFileURL(await buildSite(join(OUTPUT, "pay-by-results.html"))).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

/** The page, opened from the disk, once it shows its first example's settlement; errors in it fail the test. */
async function openPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  await page.goto(pageUrl);
  await page.locator("#settlement").waitFor({ state: "visible" });
  return page;
}

/** A picture of the whole page, once the report in its frame is drawn. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (await page.locator("#report").isVisible()) await page.frameLocator("#report").locator("h1").waitFor();
  await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
}

/** The exact amounts a table row shows (`data-amount`), `null` where it shows "pending". */
async function rowAmounts(page: Page, row: string): Promise<(string | null)[]> {
  const cells = page.locator(`${row} td.amount, ${row} td.pending`);
  return Promise.all((await cells.all()).map((cell) => cell.getAttribute("data-amount")));
}

const amounts = (...figures: (Money | null)[]) => figures.map((money) => money?.amount ?? null);
const partyAmounts = (party: Pick<PartyTotals, "earned" | "paid" | "balance">) =>
  amounts(party.earned, party.paid, party.balance);

/** The settlement's totals and each tranche's status and amounts, as the page must show them. */
function shownFigures(settlement: Settlement) {
  return {
    total: partyAmounts(settlement.totals),
    payers: settlement.totals.byPayer.map(partyAmounts),
    tranches: settlement.tranches.map((tranche) => ({
      status: tranche.status,
      amounts: amounts(tranche.amountEarned, tranche.amountPaid, tranche.balance),
    })),
  };
}

/** What the page shows of the same. */
async function figuresOnPage(page: Page, settlement: Settlement) {
  const tables = "#settlement-tables";
  return {
    total: await rowAmounts(page, `${tables} tr[data-row="total"]`),
    payers: await Promise.all(
      settlement.totals.byPayer.map((payer) => rowAmounts(page, `${tables} tr[data-payer="${payer.party}"]`)),
    ),
    tranches: await Promise.all(
      settlement.tranches.map(async (tranche) => {
        const row = `${tables} tr[data-tranche="${tranche.id}"]`;
        return {
          status: await page.locator(`${row} td[data-status]`).getAttribute("data-status"),
          amounts: await rowAmounts(page, row),
        };
      }),
    ),
  };
}

/** The bytes a download link of the page gives. */
async function downloadedBytes(page: Page, link: string): Promise<Buffer> {
  await page.locator(link).waitFor({ state: "visible" });
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(link).click()]);
  return readFileSync(await download.path());
}

/** The text a download link of the page gives. */
async function downloaded(page: Page, link: string): Promise<string> {
  return (await downloadedBytes(page, link)).toString("utf8");
}

/**
 * The worksheets a downloaded `.xlsx` holds: an .xlsx file is a zip archive (it starts with "PK") whose entries'
 * names are stored as plain text, one `xl/worksheets/sheetN.xml` per sheet.
 */
function worksheetCount(bytes: Buffer): number {
  expect(bytes.subarray(0, 2).toString()).toBe("PK");
  return new Set(bytes.toString("latin1").match(/xl\/worksheets\/sheet\d+\.xml/g) ?? []).size;
}

describe("the page, opened from the disk in Chromium", () => {
  it("settles the FIS example: the totals, statuses, explanation, report and downloads of settle", async () => {
    const page = await openPage();
    const expected = fisAsOf("2028-03-31");
    expect(await page.locator("#as-of").inputValue()).toBe("2028-03-31");
    expect(await figuresOnPage(page, expected)).toEqual(shownFigures(expected));
    expect(expected.tranches[0]?.status).toBe("paid");
    expect(expected.totals.balance.amount).toBe("-18000.00");
    expect(await page.locator('#settlement-tables tr[data-row="total"]').innerText()).toContain("EUR −18,000.00");
    expect(await page.locator("#explanation").textContent()).toBe(explain(expected));
    expect(await page.locator("#report").getAttribute("srcdoc")).toBe(
      renderHtml(expected, { locale: "en", contract: fisContract }),
    );
    expect(await downloaded(page, "#download-csv")).toBe(settlementToCsv(expected));
    expect(JSON.parse(await downloaded(page, "#download-json"))).toEqual(JSON.parse(JSON.stringify(expected)));
    // the workbook: the sheets settlementWorkbook writes (the same cells, src/report/workbook-cells.ts)
    expect(worksheetCount(await downloadedBytes(page, "#download-xlsx"))).toBe(
      settlementSheets(expected, "en").sheets.length,
    );
    await screenshot(page, "1-fis-example");
    await page.close();
  });

  it("settles again as known on another date", async () => {
    const page = await openPage();
    for (const asOf of ["2027-12-31", "2027-11-01"]) {
      const expected = fisAsOf(asOf);
      await page.locator("#as-of").fill(asOf);
      expect(await figuresOnPage(page, expected)).toEqual(shownFigures(expected));
      expect(await page.locator("#explanation").textContent()).toBe(explain(expected));
    }
    // before the restatement the tranche is paid in full; before the payments it is only earned
    expect(fisAsOf("2027-12-31").totals.balance.amount).toBe("0.00");
    expect(fisAsOf("2027-11-01").tranches[0]?.status).toBe("earned");
    await screenshot(page, "2-fis-as-of-2027-11-01");
    await page.close();
  });

  it("lists every problem of a broken contract and events file, by file, with its JSON path", async () => {
    const contract = readJson("fis-dispersione/contract.json") as {
      metrics: unknown[];
      tranches: { payers: { share: string }[] }[];
    };
    contract.tranches[0]!.payers[0]!.share = "seventy per cent";
    contract.metrics = [];
    const events = readJson("fis-dispersione/events.json") as { status?: string; recordedAt: string }[];
    events[0]!.status = "approved";
    events[1]!.recordedAt = "05/10/2027";
    const contractIssues = safeParseContract(contract);
    const eventsIssues = safeParseEvents(events);
    if (contractIssues.success || eventsIssues.success) throw new Error("the broken files must not parse");
    const listed = (issues: readonly { at: string; message: string }[]) =>
      issues.map(({ at, message }) => ({ at, message }));

    const page = await openPage();
    // dropped together: the page tells the contract (an object) from the events (a list)
    await dropFiles(page, [file("broken-events.json", events), file("broken-contract.json", contract)]);
    // the files are read in the background: the page shows their problems once both are read
    const groups = page.locator("#problem-groups .problem-group");
    const sources = async () => Promise.all((await groups.all()).map((group) => group.getAttribute("data-source")));
    await expect.poll(sources).toEqual(["contract", "events"]);
    expect(await page.locator("#settlement").isHidden()).toBe(true);
    expect(await page.locator("#example").inputValue()).toBe("");
    expect(await groups.nth(0).locator("h3").innerText()).toContain("broken-contract.json");
    expect(await groups.nth(1).locator("h3").innerText()).toContain("broken-events.json");
    expect(await problemsOf(page, "contract")).toEqual(listed(contractIssues.error.issues));
    expect(await problemsOf(page, "events")).toEqual(listed(eventsIssues.error.issues));
    expect((await problemsOf(page, "contract")).map((problem) => problem.at)).toEqual(
      expect.arrayContaining(["$.metrics", "$.tranches[0].payers[0].share"]),
    );
    await screenshot(page, "3-broken-files");

    await page.locator("#contract-file").setInputFiles(file("not-json.json", "{ nope"));
    await expect
      .poll(() => problemsOf(page, "contract"))
      .toEqual([{ at: "$", message: expect.stringMatching(/^not valid JSON: /) }]);
    await page.close();
  });

  it("speaks Italian: the page's own words, the amounts, the statuses and the report", async () => {
    const page = await openPage();
    const expected = fisAsOf("2028-03-31");
    await page.locator("#language").selectOption("it");
    expect(await page.locator("html").getAttribute("lang")).toBe("it");
    expect(await page.locator("h1").innerText()).toBe("Liquidare un contratto pay-by-results");
    expect(await page.locator("#settlement-heading").innerText()).toBe("Liquidazione");
    expect(await page.locator("label[for=as-of]").innerText()).toBe("Situazione al");
    expect(await page.locator('#settlement-tables tr[data-tranche="t1"] td[data-status]').innerText()).toBe("pagata");
    expect(await page.locator('#settlement-tables tr[data-row="total"]').innerText()).toContain("−18.000,00 EUR");
    expect(await figuresOnPage(page, expected)).toEqual(shownFigures(expected));
    expect(await page.locator("#explanation").textContent()).toBe(explain(expected, { locale: "it" }));
    expect(await page.locator("#report").getAttribute("srcdoc")).toBe(
      renderHtml(expected, { locale: "it", contract: fisContract }),
    );
    expect(worksheetCount(await downloadedBytes(page, "#download-xlsx"))).toBe(
      settlementSheets(expected, "it").sheets.length,
    );
    const report = page.frameLocator("#report");
    expect(await report.locator("html").getAttribute("lang")).toBe("it");
    expect(await report.locator("body").innerText()).toMatch(/Stato:[\s\S]*Chi paga chi[\s\S]*Totali/);
    await screenshot(page, "4-fis-in-italian");
    await page.close();
  });

  it("settles the rate card's claims from CSV, bundled or chosen, as settleClaims does", async () => {
    const contract = parseContract(readJson("rate-card/contract.json"));
    const claimsFile = example("rate-card/claims-sample.csv");
    const expectedAt = (asOf: string) => settleClaimsAsync(contract, readClaimsCsv(claimsFile), { asOf });
    const page = await openPage();

    await page.locator("#example").selectOption("rate-card");
    await page.locator("#claims").waitFor({ state: "visible" });
    expect(await page.locator("#as-of").inputValue()).toBe("2015-09-30");
    const atEnd = await expectedAt("2015-09-30");
    expect(await claimsOnPage(page, atEnd)).toEqual(claimFigures(atEnd));
    expect(await page.locator("#claims-explanation").textContent()).toBe(explainClaims(atEnd));
    expect(worksheetCount(await downloadedBytes(page, "#download-claims-xlsx"))).toBe(
      claimsSheets(atEnd, "en").sheets.length,
    );
    expect(atEnd.counts.received).toBe(200);
    await screenshot(page, "5-rate-card-claims");

    await page.locator("#example").selectOption("fis-dispersione");
    await page.locator("#contract-file").setInputFiles(example("rate-card/contract.json"));
    await page.locator("#results-file").setInputFiles(claimsFile);
    await page.locator("#as-of").fill("2014-03-31");
    const earlier = await expectedAt("2014-03-31");
    await expect.poll(() => claimsOnPage(page, earlier)).toEqual(claimFigures(earlier));
    expect(earlier.total.amount).not.toBe(atEnd.total.amount);
    await page.close();
  });
});

/** A file to choose or drop in the page: JSON of a value, or a text as it is. */
function file(name: string, content: unknown) {
  const text = typeof content === "string" ? content : JSON.stringify(content, null, 2);
  return { name, mimeType: "application/json", buffer: Buffer.from(text) };
}

/** Drops files on the page's drop zone, as a reader dragging them from a folder. */
async function dropFiles(page: Page, files: readonly ReturnType<typeof file>[]): Promise<void> {
  const contents = files.map(({ name, buffer }) => ({ name, text: buffer.toString("utf8") }));
  // written as text: it runs in the browser, and this file is type-checked without the DOM's types
  const dataTransfer = await page.evaluateHandle(`(() => {
    const transfer = new DataTransfer();
    for (const { name, text } of ${JSON.stringify(contents)}) transfer.items.add(new File([text], name));
    return transfer;
  })()`);
  await page.locator("#drop-zone").dispatchEvent("drop", { dataTransfer });
}

/** The problems the page lists for one source: each one's path and message. */
async function problemsOf(page: Page, source: string): Promise<{ at: string; message: string }[]> {
  const items = await page.locator(`#problem-groups .problem-group[data-source="${source}"] li.problem`).all();
  return Promise.all(
    items.map(async (item) => ({
      at: await item.locator(".problem-path").innerText(),
      message: await item.locator(".problem-message").innerText(),
    })),
  );
}

/** The claims' counts, total and payers' parts, as the page must show them. */
function claimFigures(settlement: ClaimSettlement) {
  const { received, accepted, acceptedInPart, rejected } = settlement.counts;
  return {
    counts: [received, accepted, acceptedInPart, rejected].map(String),
    total: settlement.total.amount,
    payers: settlement.byPayer.map((payer) => payer.due.amount),
  };
}

/** What the page shows of the same. */
async function claimsOnPage(page: Page, settlement: ClaimSettlement) {
  const tables = "#claims-tables";
  const counts = await page.locator(`${tables} tr[data-count] td`).all();
  return {
    counts: await Promise.all(counts.map((cell) => cell.getAttribute("data-value"))),
    total: await page.locator(`${tables} tr[data-row="total"] td`).getAttribute("data-amount"),
    payers: await Promise.all(
      settlement.byPayer.map((payer) =>
        page.locator(`${tables} tr[data-payer="${payer.party}"] td`).getAttribute("data-amount"),
      ),
    ),
  };
}
