/**
 * A value of the report's overview table that may wrap only where a person
 * expects it to: after a space or a separator of a path, alias or version
 * (\ / . , _ -). A run of more than MAX_RUN characters without one (a hostile
 * or broken value) may wrap anywhere. Everywhere else a word stays whole: the
 * table sizes its columns by these pieces, instead of cutting "acm" into "ac"
 * and "m" to make room for a long path, as `overflow-wrap: anywhere` on every
 * cell did.
 */
import { Fragment } from 'react';

/** Longer than any word of the table's own vocabulary ("configurable", "architecture") and of a file name's parts. */
const MAX_RUN = 16;

/** The pieces between which the value may wrap: after a space or separator, and between any two characters of an overlong run. */
export function breakPoints(text: string): string[] {
  return text.split(/(?<=[\s\\/.,_-])/).flatMap((part) => (part.length > MAX_RUN ? Array.from(part) : part === '' ? [] : [part]));
}

export function Breakable({ text }: { text: string }): React.JSX.Element {
  return (
    <>
      {breakPoints(text).map((piece, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {piece}
        </Fragment>
      ))}
    </>
  );
}
