/** A file as the page holds it: its name and its text, whether embedded, chosen or dropped. */
export interface LoadedFile {
  readonly name: string;
  readonly text: string;
}

/** The two files the page settles: the contract, and its results (events as JSON, or a rate card's claims as CSV). */
export type FileRole = "contract" | "results";

/** A results file ending in .csv holds a rate card's claims; any other holds events as JSON. */
export function isClaimsFile(file: LoadedFile): boolean {
  return file.name.toLowerCase().endsWith(".csv");
}

/**
 * What a dropped file is: claims when it is a .csv file, events when its JSON is a list, else the contract (a
 * contract is an object; a file that is not JSON is taken as the contract, and its problem shown there).
 */
export function roleOfDroppedFile(file: LoadedFile): FileRole {
  if (isClaimsFile(file)) return "results";
  try {
    return Array.isArray(JSON.parse(file.text)) ? "results" : "contract";
  } catch {
    return "contract";
  }
}
