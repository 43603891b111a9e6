import type { Locator } from '@playwright/test';

/**
 * The few DOM members the page functions below use. The tests are type-checked without the DOM
 * library (main's code must not see `window`), so they are declared here, structurally.
 */
export interface PageElement {
  parentElement: PageElement | null;
  matches(selector: string): boolean;
  getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  blur(): void;
  focus(): void;
}
export interface PageStyle {
  color: string;
  backgroundColor: string;
  borderTopWidth: string;
  borderTopStyle: string;
  borderTopColor: string;
  outlineWidth: string;
  outlineStyle: string;
  outlineColor: string;
  outlineOffset: string;
  overflowX: string;
  overflowY: string;
  filter: string;
  opacity: string;
}
export interface PageGlobals {
  getComputedStyle: (element: PageElement) => PageStyle;
  document: { documentElement: PageElement; activeElement: PageElement | null };
}

/** What one control looks like right now, read from its computed style in the page. */
export interface ControlLook {
  /** The text's contrast against what is behind it (the control's own fill over its ancestors'). */
  text: number;
  /** The border's contrast against what is around the control; undefined without a visible border. */
  border: number | undefined;
  /** The fill's contrast against what is around the control. */
  fill: number;
  /** The focus ring's contrast against what it is drawn on; undefined without a ring. */
  ring: number | undefined;
  /** CSS that would make the computed colours lie about what is shown. */
  filter: string;
  opacity: string;
  focusVisible: boolean;
  /** For the report: the colours the numbers came from. */
  colours: string;
}

/**
 * Reads a control's colours from its computed style and works out the WCAG contrast ratios of
 * its text, border, fill and focus ring. Translucent backgrounds are laid over the ancestors'
 * (the page's colour at the bottom); a ring drawn outside the control (offset ≥ 0) is measured
 * against what surrounds the control, an inset one against the control's own fill.
 */
export function lookOf(control: Locator): Promise<ControlLook> {
  return control.evaluate((el: PageElement) => {
    const { getComputedStyle, document } = globalThis as unknown as PageGlobals;
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const m = /rgba?\(([^)]+)\)/.exec(css);
      if (!m?.[1]) throw new Error(`colour not understood: ${css}`);
      const parts = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => (top[i] ?? 0) * a + (bottom[i] ?? 0) * (1 - a)).concat(1) as Rgba;
    };
    const luminance = ([r, g, b]: Rgba): number => {
      const lin = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (a: Rgba, b: Rgba): number => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
      return Math.round(((x + 0.05) / (y + 0.05)) * 100) / 100;
    };
    const pageColour = parse(getComputedStyle(document.documentElement).backgroundColor);
    const base: Rgba = pageColour[3] === 0 ? [255, 255, 255, 1] : pageColour;
    /** The opaque colour behind `node`'s content: its background laid over its ancestors'. */
    const backdrop = (node: PageElement | null): Rgba => {
      const layers: Rgba[] = [];
      for (let n = node; n; n = n.parentElement) {
        const bg = parse(getComputedStyle(n).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] === 1) break;
      }
      return layers.reduceRight<Rgba>((below, layer) => over(layer, below), base);
    };
    const hex = (c: Rgba) =>
      `#${c
        .slice(0, 3)
        .map((v) => Math.round(v).toString(16).padStart(2, '0'))
        .join('')}`;

    const style = getComputedStyle(el);
    const around = backdrop(el.parentElement);
    const fill = backdrop(el);
    const text = over(parse(style.color), fill);
    const borderWidth = parseFloat(style.borderTopWidth);
    const borderColour = parse(style.borderTopColor);
    const border =
      style.borderTopStyle !== 'none' && borderWidth > 0 && borderColour[3] > 0
        ? over(borderColour, around)
        : undefined;
    const ringWidth = parseFloat(style.outlineWidth);
    const ringColour = parse(style.outlineColor);
    const ring =
      style.outlineStyle !== 'none' && ringWidth > 0 && ringColour[3] > 0
        ? over(ringColour, parseFloat(style.outlineOffset) < 0 ? fill : around)
        : undefined;
    return {
      text: ratio(text, fill),
      border: border && ratio(border, around),
      fill: ratio(fill, around),
      ring: ring && ratio(ring, parseFloat(style.outlineOffset) < 0 ? fill : around),
      filter: style.filter,
      opacity: style.opacity,
      focusVisible: el.matches(':focus-visible'),
      colours: `text ${hex(text)} on ${hex(fill)}, around ${hex(around)}${border ? `, border ${hex(border)}` : ''}${
        ring ? `, ring ${hex(ring)}` : ''
      }`,
    };
  });
}
