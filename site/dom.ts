/** Small helpers to build the page's elements: text always goes in as text, never as HTML. */

type Child = Node | string;

/** A new element with its attributes and children. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>> = {},
  ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
  created.append(...children);
  return created;
}

/** The page's element with this id, of the expected kind (the template and the code must agree). */
export function byId<T extends HTMLElement>(id: string, kind: abstract new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof kind)) throw new Error(`the page has no ${kind.name} #${id}`);
  return found;
}

/** A table with a caption, a header row and rows; the first cell of each row heads it. */
export function table(caption: string, headers: readonly string[], rows: readonly HTMLTableRowElement[]): HTMLElement {
  const head = element("tr", {}, ...headers.map((header) => element("th", { scope: "col" }, header)));
  return element(
    "table",
    {},
    element("caption", {}, caption),
    element("thead", {}, head),
    element("tbody", {}, ...rows),
  );
}

/** A row of a table: a heading cell, then data cells. */
export function row(attributes: Readonly<Record<string, string>>, heading: string, ...cells: readonly Node[]) {
  return element("tr", attributes, element("th", { scope: "row" }, heading), ...cells);
}

/** Points a download link at a text, under a file name (the previous text's address is let go). */
export function offerDownload(link: HTMLAnchorElement, fileName: string, content: string | Blob, type = ""): void {
  if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(typeof content === "string" ? new Blob([content], { type }) : content);
  link.download = fileName;
}
