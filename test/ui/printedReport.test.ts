/**
 * The support report as it comes out of a printer: the HTML page Export
 * report… writes, printed by Chromium on A4 and on Letter (the print path:
 * print media, @page, page breaks) and read back sheet by sheet. What a
 * technician needs of it on paper: everything on the sheet at the size the
 * page asks for, the overview's words whole, its header on every sheet it
 * continues on, and each driver's block whole, under its own heading.
 */
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { bulkFixtures } from '../wine/fixtureRegistry';
import { driveC } from '../wine/wineBench';
import { probesDone } from './panelPage';
import { printedSheets, type PrintedLine, type PrintedSheet } from './printedSheets';
import { usePanel } from './uiBench';

/** Most printers cannot print closer to the edge than this (points): nothing may sit there. */
const UNPRINTABLE_EDGE = 28;
/** The smallest text anyone should have to read on paper (points). */
const SMALLEST_READABLE = 9;

/** What the page itself says it is made of, read in print media, to hold the sheets to. */
interface ReportShape {
  /** The body's font size in points, as the page asks for it. */
  bodyPt: number;
  headingPt: number;
  /** Each driver block's heading, in order. */
  headings: string[];
  /** The heading above the overview table, and the one above the drivers' blocks. */
  overviewTitle: string;
  blocksTitle: string;
  /** Every word of the overview table's cells, as often as it occurs. */
  overviewWords: string[];
}

/** Runs in the page: no named inner functions, which the test's TypeScript compiler would wrap in a helper the page lacks. */
function readShape(): ReportShape {
  const table = document.querySelector('table');
  const blocks = [...document.querySelectorAll('section')];
  const [bodyPt = 0, headingPt = 0] = [document.body, blocks[0]?.querySelector('h3')].map((element) =>
    element ? (parseFloat(getComputedStyle(element).fontSize) * 72) / 96 : 0,
  );
  const [overviewTitle = '', blocksTitle = ''] = [table, blocks[0]].map((element) => {
    let node = element?.previousElementSibling;
    while (node && node.tagName !== 'H2') node = node.previousElementSibling;
    return node?.textContent ?? '';
  });
  return {
    bodyPt,
    headingPt,
    headings: blocks.map((s) => s.querySelector('h3')?.textContent ?? ''),
    overviewTitle,
    blocksTitle,
    overviewWords: [...(table?.querySelectorAll('th, td') ?? [])].flatMap((cell) => cell.textContent.split(/\s+/).filter(Boolean)),
  };
}

interface Located {
  sheet: number;
  line: PrintedLine;
}

/** The lines from the one that says `from` up to (not including) the one that says `to`, with the sheet each is on. */
function linesBetween(sheets: readonly PrintedSheet[], from: string, to: string | null): Located[] {
  const all = sheets.flatMap((sheet, i) => sheet.lines.map((line) => ({ sheet: i, line })));
  const start = all.findIndex((l) => l.line.text === from);
  const end = to === null ? all.length : all.findIndex((l, i) => i > start && l.line.text === to);
  assert.ok(start >= 0 && end > start, `"${from}" and then "${to}" are printed`);
  return all.slice(start + 1, end);
}

/** The lines of each sheet, in sheet order (sheets without any left out). */
function bySheet(lines: readonly Located[]): Located[][] {
  const sheets = new Map<number, Located[]>();
  for (const l of lines) sheets.set(l.sheet, [...(sheets.get(l.sheet) ?? []), l]);
  return [...sheets.values()];
}

const describeLine = (l: Located): string => `sheet ${l.sheet + 1}: "${l.line.text}" at ${l.line.left.toFixed(0)}–${l.line.right.toFixed(0)} pt, ${l.line.size.toFixed(1)} pt`;

describe('the support report on paper', () => {
  // Enough drivers for the overview to run over a sheet, and values no line can hold: a long alias and parameters without a space.
  const longAlias = `fx.${'w'.repeat(48)}`;
  const ui = usePanel({
    ...bulkFixtures('print', 24),
    [longAlias]: 'fixture.dll name=fx.longalias query=0',
    'fx.longvalue': `fixture.dll name=fx.longvalue query=0 ${'v'.repeat(300)}`,
  });
  let report: Page;
  let shape: ReportShape;

  before(async () => {
    const { page, host } = ui;
    await probesDone(page);
    const saved = join(driveC, 'print-report.html');
    rmSync(saved, { force: true });
    writeFileSync(join(host.dialogsDir, 'save.txt'), 'C:\\print-report.html');
    await page.getByRole('button', { name: 'Export report' }).click();
    await page.getByRole('menuitem', { name: /Web page/ }).click();
    await page.getByTestId('panel-message').getByText('Report saved to C:\\print-report.html.').waitFor();
    report = await ui.reload();
    await report.goto(`file://${saved}`);
    await report.emulateMedia({ media: 'print' });
    shape = await report.evaluate(readShape);
    assert.ok(shape.headings.includes(longAlias) && shape.headings.length > 24, 'the report has every driver');
  });

  for (const format of ['A4', 'Letter'] as const) {
    describe(`on ${format}`, () => {
      let sheets: PrintedSheet[];
      before(async () => {
        sheets = await printedSheets(report, format);
      });

      it('prints everything inside the printable area, at the size the page asks for: nothing cut off or shrunk to fit', () => {
        const all = sheets.flatMap((sheet, i) => sheet.lines.map((line) => ({ sheet: i, line, width: sheet.width, height: sheet.height })));
        const outside = all.filter(({ line, width, height }) => line.left < UNPRINTABLE_EDGE || line.right > width - UNPRINTABLE_EDGE || line.top < UNPRINTABLE_EDGE || line.top > height - UNPRINTABLE_EDGE);
        assert.deepEqual(outside.map(describeLine), []);
        const small = all.filter(({ line }) => line.size < SMALLEST_READABLE);
        assert.deepEqual(small.map(describeLine), []);
        // Chromium shrinks a page that is too wide for the paper: then no line is printed at the body's own size.
        const atBodySize = all.filter(({ line }) => Math.abs(line.size - shape.bodyPt) < 0.1).length;
        assert.ok(atBodySize > all.length / 2, `most lines print at the body's ${shape.bodyPt} pt; ${atBodySize} of ${all.length} do`);
      });

      it('keeps the overview\'s words whole, and repeats its header on every sheet it continues on', () => {
        const overview = linesBetween(sheets, shape.overviewTitle, shape.blocksTitle);
        const printed = overview.flatMap((l) => l.line.text.split(' '));
        const count = (words: readonly string[], word: string): number => words.filter((w) => w === word).length;
        // Plain words (no separator a value may wrap after) must come out whole, as often as the table has them.
        const plain = [...new Set(shape.overviewWords.filter((w) => w.length <= 12 && !/[\\/.,_-]/.test(w)))];
        const cut = plain.filter((w) => count(printed, w) < count(shape.overviewWords, w));
        assert.deepEqual(cut, [], `words cut in two: ${cut.join(', ')}`);

        const sheetsOfOverview = bySheet(overview);
        assert.ok(sheetsOfOverview.length >= 2, 'the overview runs over more than one sheet, so that its header has to repeat');
        const [first, ...continued] = sheetsOfOverview;
        const header = first?.[0]?.line.text;
        for (const lines of continued) assert.equal(lines[0]?.line.text, header, `sheet ${(lines[0]?.sheet ?? 0) + 1} starts with the overview's header`);
      });

      it('prints each driver\'s block whole, under its own heading: no block continues on the next sheet', () => {
        const blocks = linesBetween(sheets, shape.blocksTitle, null);
        const isHeading = (line: PrintedLine): boolean => shape.headings.includes(line.text) && Math.abs(line.size - shape.headingPt) < 0.1;
        assert.deepEqual(
          blocks.filter((l) => isHeading(l.line)).map((l) => l.line.text),
          shape.headings,
          'every driver\'s heading, once, in order',
        );
        for (const lines of bySheet(blocks)) {
          const sheet = lines[0]?.sheet ?? 0;
          assert.ok(lines[0] && isHeading(lines[0].line), `sheet ${sheet + 1} starts with a driver's heading, not with the rest of a block: ${lines[0]?.line.text}`);
          const last = lines.at(-1);
          assert.ok(last && !isHeading(last.line), `sheet ${sheet + 1} does not end with a heading whose block is on the next sheet: ${last?.line.text}`);
        }
      });
    });
  }
});
