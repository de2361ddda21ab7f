/**
 * The page: pick a bundled example or choose (or drop) a contract and its events or claims, choose the date and
 * the language, and read the settlement. Everything runs here, from the library's own code; nothing is sent
 * anywhere. Built into one HTML file by scripts/build-site.ts (`npm run site`).
 */
import {
  REPORT_LOCALES,
  explain,
  explainClaims,
  renderHtml,
  settlementToCsv,
  type ClaimSettlement,
  type Contract,
  type ReportLocale,
  type Settlement,
} from "../src/index.js";
import writeXlsxFile from "write-excel-file/browser";
import { workbookSheetData } from "../src/report/workbook-cells.js";
import { claimsSheets, settlementSheets, type WorkbookContent } from "../src/report/workbook-sheets.js";
import { byId, element, offerDownload } from "./dom.js";
import type { BundledExample } from "./examples.js";
import { roleOfDroppedFile, type FileRole, type LoadedFile } from "./input-files.js";
import { PHRASEBOOK, type Phrases } from "./phrasebook.js";
import { claimsView, problemsView, settlementView } from "./render.js";
import { settleFiles, type Outcome, type ProblemGroup } from "./settle-files.js";

/** The examples' files, embedded by the build (see site/examples.ts). */
declare const BUNDLED_EXAMPLES: readonly BundledExample[];

interface PageState {
  locale: ReportLocale;
  /** The example in use, or "" for the reader's own files. */
  example: string;
  contract?: LoadedFile;
  results?: LoadedFile;
  asOf: string;
}

const controls = {
  language: byId("language", HTMLSelectElement),
  example: byId("example", HTMLSelectElement),
  dropZone: byId("drop-zone", HTMLDivElement),
  contractFile: byId("contract-file", HTMLInputElement),
  resultsFile: byId("results-file", HTMLInputElement),
  asOf: byId("as-of", HTMLInputElement),
};

const views = {
  contractInUse: byId("contract-in-use", HTMLSpanElement),
  resultsInUse: byId("results-in-use", HTMLSpanElement),
  waiting: byId("waiting", HTMLParagraphElement),
  problems: byId("problems", HTMLElement),
  problemGroups: byId("problem-groups", HTMLDivElement),
  settlement: byId("settlement", HTMLElement),
  settlementTables: byId("settlement-tables", HTMLDivElement),
  explanation: byId("explanation", HTMLPreElement),
  report: byId("report", HTMLIFrameElement),
  downloadCsv: byId("download-csv", HTMLAnchorElement),
  downloadJson: byId("download-json", HTMLAnchorElement),
  downloadWorkbook: byId("download-xlsx", HTMLAnchorElement),
  claims: byId("claims", HTMLElement),
  claimsTables: byId("claims-tables", HTMLDivElement),
  claimsExplanation: byId("claims-explanation", HTMLPreElement),
  downloadClaimsJson: byId("download-claims-json", HTMLAnchorElement),
  downloadClaimsWorkbook: byId("download-claims-xlsx", HTMLAnchorElement),
};

const state: PageState = { locale: "en", example: "", asOf: "" };

/** Settles what the page holds and shows it, in the page's language. */
function update(): void {
  const phrases = PHRASEBOOK[state.locale];
  applyPhrases(phrases);
  views.contractInUse.textContent = inUse(state.contract, phrases);
  views.resultsInUse.textContent = inUse(state.results, phrases);
  show(settleFiles(state), phrases);
}

/** The page's own words in its language, into every element that names a phrase; the page's `lang` with them. */
function applyPhrases(phrases: Phrases): void {
  document.documentElement.lang = state.locale;
  document.title = phrases.pageTitle;
  for (const target of document.querySelectorAll<HTMLElement>("[data-phrase]")) {
    const text = phrases[target.dataset.phrase as keyof Phrases];
    if (typeof text !== "string") throw new Error(`no phrase "${target.dataset.phrase}"`);
    target.textContent = text;
    target.hidden = text === "";
  }
  const own = element("option", { value: "" }, phrases.ownFiles);
  const examples = BUNDLED_EXAMPLES.map((example) =>
    element("option", { value: example.id }, phrases.examples[example.id] ?? example.id),
  );
  controls.example.replaceChildren(own, ...examples);
  controls.example.value = state.example;
}

function inUse(file: LoadedFile | undefined, phrases: Phrases): string {
  return `${phrases.inUse}: ${file?.name ?? phrases.noFile}`;
}

function show(outcome: Outcome, phrases: Phrases): void {
  views.waiting.hidden = outcome.kind !== "no-contract";
  views.problems.hidden = outcome.kind !== "problems";
  views.settlement.hidden = outcome.kind !== "settlement";
  views.claims.hidden = outcome.kind !== "claims";
  if (outcome.kind === "problems") showProblems(outcome.groups, phrases);
  if (outcome.kind === "settlement") showSettlement(outcome.contract, outcome.settlement, phrases);
  if (outcome.kind === "claims") showClaims(outcome.contract, outcome.settlement, phrases);
}

function showProblems(groups: readonly ProblemGroup[], phrases: Phrases): void {
  views.problemGroups.replaceChildren(...problemsView(groups, phrases));
}

function showSettlement(contract: Contract, settlement: Settlement, phrases: Phrases): void {
  const name = `${settlement.contractId}-${settlement.asOf}`;
  views.settlementTables.replaceChildren(...settlementView(settlement, phrases));
  views.explanation.textContent = explain(settlement, { locale: state.locale });
  views.report.title = phrases.reportHeading;
  views.report.srcdoc = renderHtml(settlement, { locale: state.locale, contract });
  offerDownload(views.downloadCsv, `${name}.csv`, settlementToCsv(settlement), "text/csv");
  offerDownload(views.downloadJson, `${name}.json`, JSON.stringify(settlement, null, 2), "application/json");
  offerWorkbook(views.downloadWorkbook, `${name}.xlsx`, () => settlementSheets(settlement, state.locale), "tranches");
}

function showClaims(contract: Contract, settlement: ClaimSettlement, phrases: Phrases): void {
  const name = `${settlement.contractId}-claims-${settlement.asOf}`;
  views.claimsTables.replaceChildren(...claimsView(contract, settlement, phrases));
  views.claimsExplanation.textContent = explainClaims(settlement, { locale: state.locale });
  offerDownload(views.downloadClaimsJson, `${name}.json`, JSON.stringify(settlement, null, 2), "application/json");
  offerWorkbook(
    views.downloadClaimsWorkbook,
    `${name}.xlsx`,
    () => claimsSheets(settlement, state.locale),
    "decisions",
  );
}

/**
 * Offers the workbook of what is shown (the same sheets and cells as `settlementWorkbook` of pay-by-results/node,
 * written by the writer's browser build). The link waits for the file; a workbook that cannot be written (too many
 * rows for a sheet) is not offered.
 */
function offerWorkbook(link: HTMLAnchorElement, fileName: string, content: () => WorkbookContent, part: string): void {
  link.hidden = true;
  let data: ReturnType<typeof workbookSheetData>;
  try {
    data = workbookSheetData(content(), part);
  } catch {
    return;
  }
  const shown = String(Number(link.dataset.offered ?? "0") + 1);
  link.dataset.offered = shown;
  void writeXlsxFile(data.sheets, data.options)
    .toBlob()
    .then((blob) => {
      if (link.dataset.offered !== shown) return; // a later settlement replaced this one
      offerDownload(link, fileName, blob);
      link.hidden = false;
    });
}

function loadExample(id: string): void {
  const example = BUNDLED_EXAMPLES.find((candidate) => candidate.id === id);
  if (example === undefined) {
    // "your own files": the files in use stay until others are chosen
    state.example = "";
    return;
  }
  state.example = id;
  state.contract = example.contract;
  state.results = example.results;
  state.asOf = example.asOf;
  controls.asOf.value = example.asOf;
  update();
}

/** Takes files the reader chose or dropped: each replaces the contract or the results, as its role says. */
async function takeFiles(files: readonly File[], role?: FileRole): Promise<void> {
  for (const file of files) {
    const loaded: LoadedFile = { name: file.name, text: await file.text() };
    state[role ?? roleOfDroppedFile(loaded)] = loaded;
  }
  if (files.length === 0) return;
  state.example = "";
  update();
}

function listen(): void {
  controls.language.addEventListener("change", () => {
    state.locale = REPORT_LOCALES.find((locale) => locale === controls.language.value) ?? "en";
    update();
  });
  controls.example.addEventListener("change", () => loadExample(controls.example.value));
  controls.asOf.addEventListener("change", () => {
    state.asOf = controls.asOf.value;
    update();
  });
  const chosen = (input: HTMLInputElement, role: FileRole) =>
    input.addEventListener("change", () => void takeFiles([...(input.files ?? [])], role));
  chosen(controls.contractFile, "contract");
  chosen(controls.resultsFile, "results");
  const { dropZone } = controls;
  dropZone.addEventListener("dragover", (event) => {
    event.preventDefault();
    dropZone.classList.add("dragging");
  });
  dropZone.addEventListener("dragleave", () => dropZone.classList.remove("dragging"));
  dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    dropZone.classList.remove("dragging");
    void takeFiles([...(event.dataTransfer?.files ?? [])]);
  });
}

listen();
const [first] = BUNDLED_EXAMPLES;
if (first === undefined) update();
else loadExample(first.id);
