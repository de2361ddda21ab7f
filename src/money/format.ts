/**
 * Groups the thousands of a decimal string for reading, without touching its digits:
 * `"-1234567.50"` → `"-1,234,567.50"`. Locale-aware formatting belongs to reports; this is the neutral form
 * used in explanations.
 */
export function groupThousands(text: string): string {
  const sign = text.charCodeAt(0) === 45 ? 1 : 0;
  const point = text.indexOf(".");
  const end = point < 0 ? text.length : point;
  if (end - sign <= 3) return text;
  // The digits before the first comma, then a comma before every three.
  let grouped = text.slice(0, sign + ((end - sign) % 3 || 3));
  for (let at = grouped.length; at < end; at += 3) grouped += `,${text.slice(at, at + 3)}`;
  return grouped + text.slice(end);
}
