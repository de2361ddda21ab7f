/**
 * Rich display in notebooks: Deno's Jupyter kernel calls `value[Symbol.for("Jupyter.display")]()` and shows the
 * richest of the representations it returns. The library's results carry that method, attached where each result
 * is built (before it is frozen, not enumerable: `JSON.stringify`, `Object.keys` and spreading never see it), and
 * the method asks the renderer registered for the result's kind: the report layer registers its texts
 * (src/report/notebook-display.ts), so that the layers that build results need not know the texts.
 */

/** The key under which a notebook kernel looks for a value's rich display. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** What a result shows in a notebook: HTML, and plain text for the kernels and consoles without it. */
export interface NotebookBundle {
  readonly "text/html": string;
  readonly "text/plain": string;
}

/** The kinds of results that show themselves in a notebook. */
export type DisplayKind = "settlement" | "claim-settlement" | "simulation" | "measurement";

const renderers = new Map<DisplayKind, (value: never) => NotebookBundle>();

/** @internal Registers the display of a kind of result (the report layer does, when it is loaded). */
export function registerNotebookDisplay<T>(kind: DisplayKind, render: (value: T) => NotebookBundle): void {
  renderers.set(kind, render as (value: never) => NotebookBundle);
}

/** Text as HTML: `&`, `<`, `>` and quotes escaped. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** A text as a notebook shows it: preformatted HTML, and the text itself. */
export function notebookBundle(text: string): NotebookBundle {
  return { "text/html": `<pre class="pay-by-results">${escapeHtml(text)}</pre>`, "text/plain": text };
}

/** One method per kind, shared by every result of that kind. */
const methods = new Map<DisplayKind, (this: object) => NotebookBundle>();

function methodOf(kind: DisplayKind): (this: object) => NotebookBundle {
  let method = methods.get(kind);
  if (method === undefined) {
    method = function (this: object): NotebookBundle {
      const render = renderers.get(kind);
      // without the report layer loaded (a bundle that left it out), the result's JSON
      return render === undefined ? notebookBundle(JSON.stringify(this, null, 2)) : render(this as never);
    };
    methods.set(kind, method);
  }
  return method;
}

/**
 * @internal Gives a result, before it is frozen, its display in a notebook: a method under `JUPYTER_DISPLAY`, not
 * enumerable, not writable.
 */
export function withNotebookDisplay<T extends object>(value: T, kind: DisplayKind): T {
  Object.defineProperty(value, JUPYTER_DISPLAY, {
    value: methodOf(kind),
    enumerable: false,
    writable: false,
    configurable: false,
  });
  return value;
}
