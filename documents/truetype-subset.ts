/**
 * Cuts a TrueType font down to the glyphs one PDF uses, as pdf-lib's subsetting embedder asks of
 * fontkit (`createSubset()`, `includeGlyph()`, `encodeStream()`): the font is one the build prepared
 * (scripts/prepare-fonts.ts writes head, hhea, maxp, hmtx, loca, glyf and the hinting tables cvt,
 * fpgm, prep), so the subset copies the glyph outlines it needs, renumbers them in the order they
 * were first used (0 stays .notdef), rewrites the component references of composite glyphs (accented
 * letters are built from their base letter and the accent), and writes a font with the same tables.
 */
const HEADER_TABLES = ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf'] as const;

/** A parsed TrueType font: its tables and where each glyph's outline is. */
export class TrueTypeFont {
  readonly tables = new Map<string, Uint8Array>();
  readonly numGlyphs: number;
  private readonly numberOfHMetrics: number;
  private readonly offsets: number[] = [];

  constructor(bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const count = view.getUint16(4);
    for (let i = 0; i < count; i += 1) {
      const record = 12 + 16 * i;
      const tag = String.fromCharCode(bytes[record]!, bytes[record + 1]!, bytes[record + 2]!, bytes[record + 3]!);
      const offset = view.getUint32(record + 8);
      this.tables.set(tag, bytes.subarray(offset, offset + view.getUint32(record + 12)));
    }
    for (const tag of HEADER_TABLES) if (!this.tables.has(tag)) throw new Error(`Not a prepared TrueType font: no ${tag} table`);
    this.numGlyphs = this.view('maxp').getUint16(4);
    this.numberOfHMetrics = this.view('hhea').getUint16(34);
    const longLoca = this.view('head').getInt16(50) === 1;
    const loca = this.view('loca');
    for (let i = 0; i <= this.numGlyphs; i += 1) this.offsets.push(longLoca ? loca.getUint32(i * 4) : loca.getUint16(i * 2) * 2);
  }

  view(tag: string): DataView {
    const table = this.tables.get(tag)!;
    return new DataView(table.buffer, table.byteOffset, table.byteLength);
  }

  glyph(id: number): Uint8Array {
    return this.tables.get('glyf')!.subarray(this.offsets[id], this.offsets[id + 1]);
  }

  /** [advance width, left side bearing] */
  horizontalMetrics(id: number): [number, number] {
    const hmtx = this.view('hmtx');
    const last = this.numberOfHMetrics - 1;
    if (id <= last) return [hmtx.getUint16(id * 4), hmtx.getInt16(id * 4 + 2)];
    return [hmtx.getUint16(last * 4), hmtx.getInt16(this.numberOfHMetrics * 4 + (id - this.numberOfHMetrics) * 2)];
  }
}

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** Byte offsets of the component glyph ids in a composite glyph (none for a simple glyph). */
function componentIdOffsets(glyph: Uint8Array): number[] {
  if (glyph.length < 10) return [];
  const view = new DataView(glyph.buffer, glyph.byteOffset, glyph.byteLength);
  if (view.getInt16(0) >= 0) return [];
  const offsets: number[] = [];
  let at = 10;
  for (;;) {
    const flags = view.getUint16(at);
    offsets.push(at + 2);
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (!(flags & MORE_COMPONENTS)) return offsets;
  }
}

export class TrueTypeSubset {
  /** Old glyph id → new glyph id, in the order of first use. */
  private readonly ids = new Map<number, number>([[0, 0]]);
  readonly cff = undefined;

  constructor(private readonly font: TrueTypeFont) {}

  includeGlyph(glyph: number | { readonly id: number }): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    let next = this.ids.get(id);
    if (next === undefined) this.ids.set(id, (next = this.ids.size));
    return next;
  }

  encode(): Uint8Array {
    // Components of composite glyphs come after the glyphs the text uses (they need ids too).
    const order = [...this.ids.keys()];
    for (let i = 0; i < order.length; i += 1) {
      const glyph = this.font.glyph(order[i]!);
      const view = new DataView(glyph.buffer, glyph.byteOffset, glyph.byteLength);
      for (const at of componentIdOffsets(glyph)) {
        const component = view.getUint16(at);
        if (!this.ids.has(component)) {
          this.ids.set(component, this.ids.size);
          order.push(component);
        }
      }
    }
    const glyphs = order.map((id) => {
      const data = Uint8Array.from(this.font.glyph(id));
      const view = new DataView(data.buffer);
      for (const at of componentIdOffsets(data)) view.setUint16(at, this.ids.get(view.getUint16(at))!);
      return data;
    });

    const padded = (length: number) => (length + 3) & ~3;
    const glyf = new Uint8Array(glyphs.reduce((sum, g) => sum + padded(g.length), 0));
    const loca = new DataView(new ArrayBuffer((order.length + 1) * 4));
    let offset = 0;
    glyphs.forEach((data, i) => {
      loca.setUint32(i * 4, offset);
      glyf.set(data, offset);
      offset += padded(data.length);
    });
    loca.setUint32(order.length * 4, offset);

    const hmtx = new DataView(new ArrayBuffer(order.length * 4));
    order.forEach((id, i) => {
      const [advance, bearing] = this.font.horizontalMetrics(id);
      hmtx.setUint16(i * 4, advance);
      hmtx.setInt16(i * 4 + 2, bearing);
    });
    const head = Uint8Array.from(this.font.tables.get('head')!);
    new DataView(head.buffer).setUint32(8, 0); // checkSumAdjustment, set below
    new DataView(head.buffer).setInt16(50, 1); // long loca offsets
    const hhea = Uint8Array.from(this.font.tables.get('hhea')!);
    new DataView(hhea.buffer).setUint16(34, order.length);
    const maxp = Uint8Array.from(this.font.tables.get('maxp')!);
    new DataView(maxp.buffer).setUint16(4, order.length);

    const tables = new Map<string, Uint8Array>(this.font.tables);
    tables.set('head', head).set('hhea', hhea).set('maxp', maxp);
    tables.set('hmtx', new Uint8Array(hmtx.buffer)).set('loca', new Uint8Array(loca.buffer)).set('glyf', glyf);
    return writeFont(tables);
  }

  /** What pdf-lib reads the subset with: a stream of the encoded font. */
  encodeStream(): { on(event: string, listener: (value?: unknown) => void): ReturnType<TrueTypeSubset['encodeStream']> } {
    const listeners = new Map<string, (value?: unknown) => void>();
    const stream = {
      on: (event: string, listener: (value?: unknown) => void) => {
        listeners.set(event, listener);
        return stream;
      },
    };
    queueMicrotask(() => {
      try {
        listeners.get('data')?.(this.encode());
        listeners.get('end')?.();
      } catch (error) {
        listeners.get('error')?.(error);
      }
    });
    return stream;
  }
}

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array((data.length + 3) & ~3);
  padded.set(data);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/** An sfnt file: table directory (tags sorted), tables 4-byte aligned, checksums and head's adjustment. */
function writeFont(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const headerLength = 12 + 16 * tags.length;
  const total = tags.reduce((sum, tag) => sum + ((tables.get(tag)!.length + 3) & ~3), headerLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(tags.length));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, tags.length);
  view.setUint16(6, 2 ** entrySelector * 16);
  view.setUint16(8, entrySelector);
  view.setUint16(10, tags.length * 16 - 2 ** entrySelector * 16);
  let offset = headerLength;
  let headOffset = 0;
  tags.forEach((tag, i) => {
    const table = tables.get(tag)!;
    const record = 12 + 16 * i;
    for (let c = 0; c < 4; c += 1) out[record + c] = tag.charCodeAt(c);
    view.setUint32(record + 4, checksum(table));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, table.length);
    out.set(table, offset);
    if (tag === 'head') headOffset = offset;
    offset += (table.length + 3) & ~3;
  });
  view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
