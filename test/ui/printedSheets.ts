/**
 * What a page looks like on paper: Chromium's own print of it (page.pdf, the
 * path Ctrl+P takes: print media, @page rules, page breaks, shrinking what is
 * too wide), read back with PDF.js as lines of text and where each sits on its
 * sheet. A print stylesheet is judged by what comes out, not by what it says.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import type { Page } from 'playwright-core';

/** One line of print: the text items that share a baseline, left to right. Lengths in points (1/72 in). */
export interface PrintedLine {
  text: string;
  left: number;
  right: number;
  /** From the sheet's top edge to the baseline. */
  top: number;
  /** The largest font size on the line. */
  size: number;
}

export interface PrintedSheet {
  width: number;
  height: number;
  /** Top to bottom. */
  lines: PrintedLine[];
}

/** Items closer than this on a line belong to one word: PDF.js splits words at ligatures and font changes. */
const WORD_GAP = 1;

function toLine(items: readonly TextItem[], sheetHeight: number): PrintedLine {
  const sorted = [...items].sort((a, b) => Number(a.transform[4]) - Number(b.transform[4]));
  let text = '';
  let end = -Infinity;
  for (const item of sorted) {
    const x = Number(item.transform[4]);
    if (text !== '' && x - end > WORD_GAP && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
    text += item.str;
    end = Math.max(end, x + item.width);
  }
  const left = Number(sorted[0]?.transform[4] ?? 0);
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    left,
    right: end,
    top: sheetHeight - Number(sorted[0]?.transform[5] ?? 0),
    size: Math.max(...sorted.map((item) => Math.abs(Number(item.transform[3])))),
  };
}

/** Prints the page on paper of the given size and reads every sheet back. */
export async function printedSheets(page: Page, format: 'A4' | 'Letter'): Promise<PrintedSheet[]> {
  const pdf = await page.pdf({ format });
  const document = await getDocument({ data: new Uint8Array(pdf) }).promise;
  const sheets: PrintedSheet[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const sheet = await document.getPage(n);
    const { width, height } = sheet.getViewport({ scale: 1 });
    const items = (await sheet.getTextContent()).items.filter((item): item is TextItem => 'str' in item && item.str.trim() !== '');
    // Same baseline, same line: a table row's cells come out as one line across the sheet.
    const baselines = new Map<number, TextItem[]>();
    for (const item of items) {
      const baseline = Math.round(Number(item.transform[5]) * 2) / 2;
      baselines.set(baseline, [...(baselines.get(baseline) ?? []), item]);
    }
    const lines = [...baselines.values()].map((onLine) => toLine(onLine, height)).sort((a, b) => a.top - b.top);
    sheets.push({ width, height, lines });
  }
  await document.destroy();
  return sheets;
}
