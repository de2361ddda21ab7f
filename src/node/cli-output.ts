/** Where the command line writes: its output and its messages. */
export interface Output {
  /** A line of output (a line break is added). */
  out(text: string): void;
  /** A line on the error output. */
  err(text: string): void;
  /**
   * A piece of a long output, written as it is (no line break added), for outputs too long to be one string:
   * sent once the piece before it has been written, so that the caller may then reuse that piece's buffer (the
   * promise is false once writing the output has failed: stop writing).
   */
  piece(text: string | Uint8Array): Promise<boolean>;
  /** Resolves when what was written has been flushed, with the first error writing the output, if any. */
  finished?(): Promise<NodeJS.ErrnoException | undefined>;
}

/** Writes to a stream, keeping its first write error (see `lines`). */
export interface Lines {
  write(text: string): void;
  piece(text: string | Uint8Array): Promise<boolean>;
  finished(): Promise<NodeJS.ErrnoException | undefined>;
}

/**
 * Lines written to a stream, with the first write error kept to be reported when the command is done (a full
 * disk or `/dev/full`: ENOSPC; a descriptor not open for writing: EBADF; EIO), not thrown as an unhandled
 * 'error' event with a stack trace, nor lost (console.log ignores the errors of stdout).
 */
export function lines(stream: NodeJS.WritableStream): Lines {
  let failed: NodeJS.ErrnoException | undefined;
  let last: Promise<void> = Promise.resolve();
  stream.on("error", (error: NodeJS.ErrnoException) => {
    failed ??= error;
  });
  const send = (text: string | Uint8Array): boolean => {
    let more = true;
    last = new Promise((resolve) => {
      try {
        more = stream.write(text, (error) => {
          if (error) failed ??= error;
          resolve();
        });
      } catch (error) {
        failed ??= error as NodeJS.ErrnoException;
        resolve();
      }
    });
    return more;
  };
  return {
    write(text) {
      send(`${text}\n`);
    },
    async piece(text) {
      // One piece in flight: a piece is sent once the one before it has been written (its buffer may then be
      // reused), and the next is made while it is written. The pieces of a long output are never held together.
      await last;
      if (failed !== undefined) return false;
      send(text);
      return true;
    },
    async finished() {
      await last;
      return failed;
    },
  };
}

/** The console's standard output and error, through `lines`. */
export function consoleOutput(): Output {
  const out = lines(process.stdout);
  const err = lines(process.stderr);
  return {
    out: (text) => out.write(text),
    err: (text) => err.write(text),
    piece: (text) => out.piece(text),
    finished: () => out.finished(),
  };
}
