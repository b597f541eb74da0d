/**
 * The now-versus-wanted chart of the reports: per characteristic two bars on the 1–5 scale,
 * "nu" and "gewenst", each with its value. One function draws the SVG (for the HTML report
 * as is, for Word rasterised to PNG by resvg with the bundled DejaVu Sans, so the text never
 * depends on the fonts of the machine that runs the server).
 *
 * Colours: dark blue (now) and orange (wanted) differ in lightness as well as hue, and each
 * bar is labelled, so the chart reads in greyscale and for colour-blind readers.
 */
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';

export interface ChartRow {
  readonly label: string;
  readonly now: number | null;
  readonly want: number | null;
}

const WIDTH = 900;
const LABEL_H = 30;
const BAR_H = 26;
const ROW_GAP = 22;
const LEFT = 110;
const RIGHT = 60;
const TOP = 40;
const FONT = 'DejaVu Sans';
const COLOURS = { now: '#1f4e79', want: '#c55a11' } as const;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const decimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Cuts a label to what fits on one line of the chart (the full text is in the report beside it). */
function fit(label: string, max = 80): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

export function scoreChartSvg(rows: readonly ChartRow[]): string {
  const rowH = LABEL_H + 2 * BAR_H + ROW_GAP;
  const height = TOP + rows.length * rowH + 30;
  const plotW = WIDTH - LEFT - RIGHT;
  const x = (v: number) => LEFT + ((v - 1) / 4) * plotW;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FONT}" role="img">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
  ];
  // Scale 1–5 with grid lines.
  for (let v = 1; v <= 5; v++) {
    out.push(`<line x1="${x(v)}" y1="${TOP - 8}" x2="${x(v)}" y2="${height - 30}" stroke="#bbbbbb" stroke-width="1"/>`);
    out.push(`<text x="${x(v)}" y="${height - 10}" font-size="18" text-anchor="middle" fill="#333333">${v}</text>`);
  }
  // Legend.
  out.push(`<rect x="${LEFT}" y="8" width="18" height="18" fill="${COLOURS.now}"/><text x="${LEFT + 26}" y="23" font-size="18" fill="#111111">nu</text>`);
  out.push(`<rect x="${LEFT + 90}" y="8" width="18" height="18" fill="${COLOURS.want}"/><text x="${LEFT + 116}" y="23" font-size="18" fill="#111111">gewenst</text>`);
  rows.forEach((r, i) => {
    const y0 = TOP + i * rowH;
    out.push(`<text x="10" y="${y0 + 21}" font-size="19" font-weight="bold" fill="#111111">${esc(fit(r.label))}</text>`);
    ([['now', r.now, 'nu'], ['want', r.want, 'gewenst']] as const).forEach(([kind, value, word], j) => {
      const y = y0 + LABEL_H + j * BAR_H;
      out.push(`<text x="${LEFT - 10}" y="${y + 19}" font-size="17" text-anchor="end" fill="#333333">${word}</text>`);
      if (value === null) {
        out.push(`<text x="${LEFT + 6}" y="${y + 19}" font-size="17" fill="#555555">geen score</text>`);
        return;
      }
      const w = Math.max(2, x(value) - LEFT);
      out.push(`<rect x="${LEFT}" y="${y + 3}" width="${w.toFixed(1)}" height="${BAR_H - 6}" fill="${COLOURS[kind]}"/>`);
      out.push(`<text x="${(LEFT + w + 8).toFixed(1)}" y="${y + 19}" font-size="17" fill="#111111">${decimal.format(value)}</text>`);
    });
  });
  out.push('</svg>');
  return out.join('');
}

/**
 * The spread of scores 1–5 of one characteristic: per score two bars, how many gave it for
 * now and for wanted, each with its count above it (same colours and legend as above).
 */
export function distributionChartSvg(now: readonly number[], want: readonly number[]): string {
  const width = 640;
  const height = 300;
  const left = 50;
  const top = 50;
  const bottom = height - 40;
  const slot = (width - left - 20) / 5;
  const bar = slot * 0.34;
  const max = Math.max(1, ...now, ...want);
  const y = (n: number) => bottom - (n / max) * (bottom - top - 20);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" role="img">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<rect x="${left}" y="8" width="18" height="18" fill="${COLOURS.now}"/><text x="${left + 26}" y="23" font-size="18" fill="#111111">nu</text>`,
    `<rect x="${left + 90}" y="8" width="18" height="18" fill="${COLOURS.want}"/><text x="${left + 116}" y="23" font-size="18" fill="#111111">gewenst</text>`,
    `<line x1="${left}" y1="${bottom}" x2="${width - 20}" y2="${bottom}" stroke="#555555" stroke-width="1"/>`,
  ];
  for (let i = 0; i < 5; i++) {
    const x0 = left + i * slot + slot * 0.14;
    out.push(`<text x="${(left + i * slot + slot / 2).toFixed(1)}" y="${height - 12}" font-size="18" text-anchor="middle" fill="#333333">score ${i + 1}</text>`);
    ([['now', now[i] ?? 0], ['want', want[i] ?? 0]] as const).forEach(([kind, n], j) => {
      const x = x0 + j * (bar + 4);
      const h = bottom - y(n);
      if (n > 0) out.push(`<rect x="${x.toFixed(1)}" y="${y(n).toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLOURS[kind]}"/>`);
      out.push(`<text x="${(x + bar / 2).toFixed(1)}" y="${(y(n) - 6).toFixed(1)}" font-size="16" text-anchor="middle" fill="#111111">${n}</text>`);
    });
  }
  out.push('</svg>');
  return out.join('');
}

const require = createRequire(import.meta.url);
let fontFiles: string[] | null = null;
function fonts(): string[] {
  fontFiles ??= [require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')];
  return fontFiles;
}

/** The SVG as a PNG at `scale` × its size (2: sharp in print). */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: fonts(), loadSystemFonts: false, defaultFontFamily: FONT },
    fitTo: { mode: 'zoom', value: scale },
  });
  return Buffer.from(resvg.render().asPng());
}

/** Width and height of a chart's SVG, for placing its image. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /width="(\d+)" height="(\d+)"/.exec(svg);
  return { width: Number(m?.[1] ?? WIDTH), height: Number(m?.[2] ?? 200) };
}
