/**
 * Groups the thousands of a decimal string for reading, without touching its digits:
 * `"-1234567.50"` → `"-1,234,567.50"`. Locale-aware formatting belongs to reports; this is the neutral form
 * used in explanations.
 */
export function groupThousands(text: string): string {
  const negative = text.startsWith("-");
  const [whole = "", fraction] = (negative ? text.slice(1) : text).split(".");
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${withCommas}${fraction !== undefined ? `.${fraction}` : ""}`;
}
