/**
 * The bench's plot: each figure's median cost against the number of drivers,
 * ours as a solid line and native as a dashed one in the same colour, on
 * log-log axes (N spans 50 to 2,000 and the costs 2 ms to 15 s, and a straight
 * line of slope 1 is a cost that grows linearly). Written by hand as SVG: a
 * charting library would bring a browser or a canvas to draw a few lines.
 */
import type { Comparison } from './benchStats';

const WIDTH = 760;
const HEIGHT = 460;
const MARGIN = { left: 70, right: 250, top: 40, bottom: 50 };
const COLOURS = ['#0f6cbd', '#c50f1f', '#107c10', '#8764b8', '#ca5010', '#038387'];

interface Scale {
  min: number;
  max: number;
}

/** Powers of ten around the values, so that every value is inside. */
function decades(values: readonly number[]): Scale {
  const positive = values.filter((v) => v > 0);
  const low = Math.min(...positive);
  const high = Math.max(...positive);
  return { min: 10 ** Math.floor(Math.log10(low)), max: 10 ** Math.ceil(Math.log10(high)) };
}

/** Where `value` falls between `from` and `to` on a log scale. */
function logPosition(value: number, scale: Scale, from: number, to: number): number {
  const t = (Math.log10(value) - Math.log10(scale.min)) / (Math.log10(scale.max) - Math.log10(scale.min));
  return from + t * (to - from);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function ticks(scale: Scale): number[] {
  const out: number[] = [];
  for (let v = scale.min; v <= scale.max * 1.0001; v *= 10) out.push(v);
  return out;
}

function tickLabel(value: number): string {
  return value >= 1000 ? `${value / 1000}k` : String(value);
}

export interface PlotLine {
  figure: string;
  side: 'ours' | 'native';
  points: Array<{ drivers: number; ms: number }>;
}

/** One line per figure and side, through the medians at each N. */
export function plotLines(comparisons: readonly Comparison[]): PlotLine[] {
  const figures = [...new Set(comparisons.map((c) => c.figure))];
  return figures.flatMap((figure) => {
    const mine = comparisons.filter((c) => c.figure === figure).sort((a, b) => a.drivers - b.drivers);
    return (['ours', 'native'] as const).map((side) => ({
      figure,
      side,
      points: mine.map((c) => ({ drivers: c.drivers, ms: c[side].median })),
    }));
  });
}

export function costPlot(comparisons: readonly Comparison[], caption: string): string {
  const lines = plotLines(comparisons);
  const xs = decades(lines.flatMap((l) => l.points.map((p) => p.drivers)));
  const ys = decades(lines.flatMap((l) => l.points.map((p) => p.ms)));
  const x = (n: number): number => logPosition(n, xs, MARGIN.left, WIDTH - MARGIN.right);
  const y = (ms: number): number => logPosition(ms, ys, HEIGHT - MARGIN.bottom, MARGIN.top);
  const figures = [...new Set(lines.map((l) => l.figure))];
  const colour = (figure: string): string => COLOURS[figures.indexOf(figure) % COLOURS.length] ?? '#000';
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="14" font-weight="600">${escapeXml(caption)}</text>`,
  ];
  for (const t of ticks(xs)) {
    parts.push(`<line x1="${x(t)}" y1="${MARGIN.top}" x2="${x(t)}" y2="${HEIGHT - MARGIN.bottom}" stroke="#ddd"/>`);
    parts.push(`<text x="${x(t)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${tickLabel(t)}</text>`);
  }
  for (const t of ticks(ys)) {
    parts.push(`<line x1="${MARGIN.left}" y1="${y(t)}" x2="${WIDTH - MARGIN.right}" y2="${y(t)}" stroke="#ddd"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y(t) + 4}" text-anchor="end">${tickLabel(t)}</text>`);
  }
  parts.push(`<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 12}" text-anchor="middle">drivers registered (N)</text>`);
  parts.push(`<text transform="translate(16 ${(MARGIN.top + HEIGHT - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">milliseconds (median)</text>`);
  for (const line of lines) {
    const points = line.points.map((p) => `${x(p.drivers).toFixed(1)},${y(p.ms).toFixed(1)}`).join(' ');
    const dash = line.side === 'native' ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<polyline data-figure="${escapeXml(line.figure)}" data-side="${line.side}" points="${points}" fill="none" stroke="${colour(line.figure)}" stroke-width="2"${dash}/>`,
    );
  }
  figures.forEach((figure, i) => {
    const top = MARGIN.top + i * 40;
    const left = WIDTH - MARGIN.right + 16;
    parts.push(`<line x1="${left}" y1="${top}" x2="${left + 24}" y2="${top}" stroke="${colour(figure)}" stroke-width="2"/>`);
    parts.push(`<line x1="${left}" y1="${top + 14}" x2="${left + 24}" y2="${top + 14}" stroke="${colour(figure)}" stroke-width="2" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${left + 30}" y="${top + 4}">${escapeXml(figure)}: ours</text>`);
    parts.push(`<text x="${left + 30}" y="${top + 18}">native</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
