import * as z from "./structural-schema.js";
import { exactOfText } from "../formula/exact.js";
import { isDecimalString } from "../money/decimal-text.js";
import { isCalendarDate } from "./calendar.js";

/**
 * The leaf schemas of the formats. Each carries its own plain-language message, because the people reading
 * these errors write contracts in an editor, not in TypeScript.
 */

export const FLOAT_MONEY_MESSAGE =
  'money must be a decimal string such as "1500.00", not a JSON number: numbers are binary floats and can lose cents';

/** Money given as a JSON number: the message, and its code. */
const FLOAT_MONEY = { code: "float_money", message: FLOAT_MONEY_MESSAGE };

/** What an identifier is: letters, digits, and `. _ : -`, starting with a letter or digit. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
export const ID_MESSAGE = "an id is made of letters, digits, '.', '_', ':' or '-', and starts with a letter or digit";

/** An identifier (`ID_PATTERN`). */
export const idSchema = z.string({ error: "expected an id (a string)" }).check(z.regex(ID_PATTERN, ID_MESSAGE));

/** A calendar date, `YYYY-MM-DD`. */
export const calendarDateSchema = z.string({ error: 'expected a calendar date as a string, e.g. "2027-08-31"' }).check(
  z.refine(isCalendarDate, {
    error: 'expected a real calendar date as YYYY-MM-DD, e.g. "2027-08-31"',
    params: { code: "invalid_date" },
  }),
);

/** An amount of money: a decimal string, never a JSON number. Minor units are checked against the currency later. */
export const moneyAmountSchema = z
  .string({
    error: (iss) =>
      typeof iss.input === "number" ? FLOAT_MONEY : 'expected money as a decimal string, e.g. "1500.00"',
  })
  .check(
    z.refine(isDecimalString, {
      error: 'expected money as a plain decimal string, e.g. "1500.00" (no currency sign, no thousands separator)',
      params: { code: "invalid_decimal" },
    }),
  );

/** A price per unit of a measure (may have digits below the minor unit): a decimal string, never a JSON number. */
export const priceSchema = z
  .string({
    error: (iss) =>
      typeof iss.input === "number" ? FLOAT_MONEY : 'expected a price as a decimal string, e.g. "2500.00"',
  })
  .check(
    z.refine(isDecimalString, {
      error: 'expected a price as a plain decimal string, e.g. "2500.00"',
      params: { code: "invalid_decimal" },
    }),
  );

/**
 * A measured or threshold quantity: a JSON number or a decimal string (`"12.5"`, or `"12.5%"` for 0.125).
 * (`z.number()` refuses NaN and ±Infinity itself.)
 */
export const quantitySchema = z
  .union([z.number(), z.string()], {
    error: 'expected a number or a decimal string, e.g. 12.5 or "12.5"',
  })
  .check(
    z.refine((value) => (typeof value === "number" ? true : exactOfText(value) !== undefined), {
      error: 'expected a number or a decimal string such as "0.125" or "12.5%"',
      params: { code: "invalid_decimal" },
    }),
  );

/** A share or weight: a decimal fraction (`"0.6"`) or a percentage (`"60%"`); not negative. */
export const shareSchema = z
  .string({
    error: (iss) =>
      typeof iss.input === "number"
        ? 'a share must be a string such as "60%" or "0.6", so that it is exact'
        : 'expected a share such as "60%" or "0.6"',
  })
  .check(
    z.refine(
      (text) => {
        // a leading minus is refused even on zero ("-0"), as the decimal reading always did
        return exactOfText(text) !== undefined && !text.trim().startsWith("-");
      },
      { error: 'expected a non-negative share such as "60%" or "0.6"', params: { code: "invalid_share" } },
    ),
  );

/**
 * A measured value or a baseline: a JSON number or a plain decimal string in the metric's own unit.
 * No "%" suffix: a dropout rate of 17.6% is written 17.6 when the metric's unit is "%".
 */
export const measureSchema = z
  .union([z.number(), z.string()], {
    error: 'expected a number or a decimal string, e.g. 17.6 or "17.6"',
  })
  .check(
    z.refine((value) => typeof value === "number" || isDecimalString(value), {
      error: 'expected a number or a plain decimal string in the metric\'s unit, e.g. 17.6 or "17.6" (no "%" sign)',
      params: { code: "invalid_decimal" },
    }),
  );

/** A measured value, baseline or rule quantity as written in JSON: a number, or a decimal string (`"17.6"`, `"12.5%"`). */
export type Quantity = number | string;
