/**
 * Text written as UTF-8 bytes into a buffer that is handed on in chunks: the writers of decision files put
 * each field's bytes here (most of them made once and copied, the claim's id straight from the columns), so
 * that writing millions of decisions makes no string per decision and leaves no text for the garbage collector
 * but the chunks.
 */
export class ByteSink {
  bytes: Uint8Array;
  at = 0;
  /** With `reuse`, the buffer `take` switches to (the one of the chunk before last). */
  private spare: Uint8Array | undefined;

  /**
   * `size`: the buffer's size to start with. `reuse`: `take` hands out the two buffers in turn, rather than a
   * new one each time, so that a chunk is valid only until the next but one is taken — for a caller that writes
   * each chunk before it asks for the one after the next (the command line).
   */
  constructor(
    private readonly size: number,
    reuse = false,
  ) {
    this.bytes = new Uint8Array(size);
    if (reuse) this.spare = new Uint8Array(size);
  }

  /** Makes room for `more` bytes. */
  room(more: number): void {
    if (this.at + more <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.at + more));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
  }

  /** Writes `source[from, to)`. */
  put(source: Uint8Array, from = 0, to = source.length): void {
    const length = to - from;
    this.room(length);
    const { bytes } = this;
    let at = this.at;
    // A byte at a time for the short pieces (a call to `set` costs more than copying a few bytes).
    if (length <= 24) for (let i = from; i < to; i += 1) bytes[at++] = source[i]!;
    else {
      bytes.set(from === 0 && to === source.length ? source : source.subarray(from, to), at);
      at += length;
    }
    this.at = at;
  }

  /** Writes a byte. */
  byte(value: number): void {
    this.room(1);
    this.bytes[this.at++] = value;
  }

  /** Writes text of any characters as UTF-8 (a lone surrogate as U+FFFD: the callers escape those first). */
  text(text: string): void {
    this.room(text.length * 3);
    this.at += encoder.encodeInto(text, this.bytes.subarray(this.at)).written;
  }

  /**
   * Writes text as the inside of a JSON string (without its quotes), escaped as `JSON.stringify` escapes it:
   * printable ASCII a byte a character, anything else through `JSON.stringify` and UTF-8.
   */
  jsonText(text: string): void {
    const length = text.length;
    this.room(length);
    const { bytes } = this;
    let at = this.at;
    for (let i = 0; i < length; i += 1) {
      const code = text.charCodeAt(i);
      if (code < 32 || code === QUOTE || code === BACKSLASH || code > 126)
        return this.text(JSON.stringify(text).slice(1, -1));
      bytes[at++] = code;
    }
    this.at = at;
  }

  /**
   * Writes text as a CSV field: quoted when it holds a comma, a quote or a line break, a quote inside written
   * twice (RFC 4180). Printable ASCII a byte a character, anything else as UTF-8.
   */
  csvText(text: string): void {
    const length = text.length;
    this.room(length + 2);
    const { bytes } = this;
    const start = this.at;
    // Written one byte on, where it goes when quoted (the usual case: messages hold commas).
    let at = start + 1;
    let quoted = false;
    for (let i = 0; i < length; i += 1) {
      const code = text.charCodeAt(i);
      if (code === QUOTE || code > 126) {
        const field = /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
        return this.text(field);
      }
      if (code === COMMA || code === LF || code === CR) quoted = true;
      bytes[at++] = code;
    }
    if (quoted) {
      bytes[start] = QUOTE;
      bytes[at++] = QUOTE;
    } else {
      bytes.copyWithin(start, start + 1, at);
      at -= 1;
    }
    this.at = at;
  }

  /** The bytes written so far, as a chunk; the sink goes on in a new buffer (or, with `reuse`, the spare one). */
  take(): Uint8Array {
    const chunk = this.bytes.subarray(0, this.at);
    if (this.spare !== undefined) {
      const next = this.spare;
      this.spare = this.bytes;
      this.bytes = next;
    } else this.bytes = new Uint8Array(this.size);
    this.at = 0;
    return chunk;
  }
}

const encoder = new TextEncoder();
const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const BACKSLASH = 92;

/** The UTF-8 bytes of a text. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
