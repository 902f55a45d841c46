/**
 * Text from drivers, the registry or a command line, made safe to print on a
 * terminal or into a log: every character that a terminal or a log viewer
 * would act on instead of showing (C0 controls with CR and LF, DEL, C1
 * controls such as CSI, the Unicode line separators and the bidi overrides
 * and isolates that reorder what a person reads) is shown as an escape,
 * \x1b, \r, \u202e. A value so escaped holds no line break of its own, so
 * it cannot forge a line of a table or of a log.
 *
 * Backslashes are left alone: every Windows path has them, and doubling them
 * (as jsesc does) would make each path harder to read than the rare value that
 * spells an escape itself. Escaping is therefore idempotent, so text built
 * from values that are already escaped may be escaped again.
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const unprintable = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const named: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return named[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

export function printable(text: string): string {
  return text.replace(unprintable, escape);
}

/**
 * A template whose literal text is the layout (its own line breaks stay) and
 * whose every value is escaped: printed`${alias} answered ${raw}.`
 */
export function printed(layout: TemplateStringsArray, ...values: ReadonlyArray<string | number | bigint>): string {
  return layout.reduce((text, part, i) => text + printable(String(values[i - 1])) + part);
}
