/**
 * Charts as inline SVG, drawn from numbers (no library). Each chart is an image with a title and a
 * description for screen readers; the pages put the same numbers in a table next to it.
 */
const NS = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number> = {}, ...children: (SVGElement | string)[]): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.append(child);
  return el;
}

let counter = 0;
function frame(width: number, height: number, title: string, description: string, ...content: SVGElement[]): SVGElement {
  const id = `chart-${++counter}`;
  return svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, class: 'chart', preserveAspectRatio: 'xMidYMid meet' },
    svg('title', { id: `${id}-t` }, title),
    svg('desc', { id: `${id}-d` }, description),
    ...content,
  );
}

/** Vertical bars, one per label (days), with the largest value marked on the axis. */
export function barChart(values: readonly { label: string; value: number }[], title: string, description: string): SVGElement {
  const width = 640, height = 220, left = 32, bottom = 24, top = 12;
  const max = Math.max(1, ...values.map((v) => v.value));
  const step = (width - left - 8) / Math.max(1, values.length);
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const bars = values.map((v, i) =>
    svg('rect', { x: left + i * step + step * 0.15, y: y(v.value), width: step * 0.7, height: height - bottom - y(v.value), class: 'bar' }, svg('title', {}, `${v.label}: ${v.value}`)),
  );
  const ticks = [values[0], values[Math.floor(values.length / 2)], values.at(-1)].filter((v, i, all): v is { label: string; value: number } => !!v && all.indexOf(v) === i);
  return frame(
    width,
    height,
    title,
    description,
    svg('line', { x1: left, y1: height - bottom, x2: width - 8, y2: height - bottom, class: 'axis' }),
    svg('text', { x: left - 6, y: y(max) + 4, 'text-anchor': 'end', class: 'tick' }, String(max)),
    svg('text', { x: left - 6, y: height - bottom, 'text-anchor': 'end', class: 'tick' }, '0'),
    ...ticks.map((v) => svg('text', { x: left + values.indexOf(v) * step + step / 2, y: height - 6, 'text-anchor': 'middle', class: 'tick' }, v.label.slice(5))),
    ...bars,
  );
}

/** Horizontal bars for a few categories (the queue by age), each with its count written at its end. */
export function rowChart(rows: readonly { label: string; value: number; tone?: string }[], title: string, description: string): SVGElement {
  const width = 640, rowHeight = 34, labelWidth = 170;
  const max = Math.max(1, ...rows.map((r) => r.value));
  return frame(
    width,
    rows.length * rowHeight + 8,
    title,
    description,
    ...rows.flatMap((r, i) => {
      const w = ((width - labelWidth - 50) * r.value) / max;
      const y = 4 + i * rowHeight;
      return [
        svg('text', { x: 0, y: y + 21, class: 'label' }, r.label),
        svg('rect', { x: labelWidth, y: y + 4, width: Math.max(w, 1), height: rowHeight - 10, class: `bar ${r.tone ?? ''}` }),
        svg('text', { x: labelWidth + w + 6, y: y + 21, class: 'label' }, String(r.value)),
      ];
    }),
  );
}

/** A share as a full-width bar, filled to the share, with the percentage written on it. */
export function shareBar(share: number | null, title: string, description: string): SVGElement {
  const width = 640, height = 40;
  const filled = (width * (share ?? 0));
  return frame(
    width,
    height,
    title,
    description,
    svg('rect', { x: 0, y: 4, width, height: 28, class: 'track' }),
    svg('rect', { x: 0, y: 4, width: filled, height: 28, class: 'bar' }),
    svg('text', { x: 8, y: 24, class: 'label on-bar' }, share === null ? '—' : `${Math.round(share * 100)}%`),
  );
}
