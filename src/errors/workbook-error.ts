import { ValidationError, type InputIssue } from "./validation-error.js";

/**
 * A workbook could not be written: its `.xlsx` writer, the optional dependency `write-excel-file`, is not installed
 * (`xlsx_writer_missing`, with the command that installs it), or the workbook would not fit in a spreadsheet
 * (`too_many_rows`: a sheet holds at most 1,048,576 rows). `issues` lists each problem with a plain message.
 */
export class WorkbookError extends ValidationError {
  static override readonly errorKind: string = "WorkbookError";

  constructor(issues: readonly InputIssue[]) {
    super("cannot write the workbook", issues);
  }
}
