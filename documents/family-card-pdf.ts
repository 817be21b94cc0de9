import type { PDFPage, PDFFont } from 'pdf-lib';
import type { FamilyCardContent, RenderOptions } from './content.js';
import { formatDate, formatDateNumeric, relationshipLabel, sexLabel } from './indonesian.js';
import {
  type Align,
  COLORS,
  type Canvas,
  PAGE_SIZES,
  clean,
  drawDraftMarks,
  drawFrame,
  drawLabelValueRows,
  drawTextBox,
  fitText,
  numberOrPending,
  regionCodes,
  textWidth,
  widest,
} from './pdf-layout.js';
import { drawSignatureBlock, drawVerification } from './signature.js';

/**
 * Kartu Keluarga (KK, the family card): A4 landscape, the number, head of family and address with
 * Kemendagri region codes, then every member in a table as a printed KK has it, then issue date,
 * print version ("Cetakan ke-N": the number stays when a child is added, the print changes), the
 * official and the verification QR. A family too large for one page continues on the next, header
 * row repeated.
 */

const MARGIN = 30;
const BODY_SIZE = 7.5;
const HEAD_SIZE = 7;
const CELL_PAD = 3.5;
/** Room the signature block and QR need under the table on the last page. */
const FOOTER_HEIGHT = 168;

type Member = FamilyCardContent['members'][number];

interface Column {
  readonly title: string;
  readonly width: number;
  readonly align: Align;
  readonly bold?: boolean;
  readonly value: (member: Member, index: number) => string;
}

const OPTIONAL = (value: string | undefined) => (value ? clean(value).toUpperCase() : '-');

function columns(tableWidth: number): Column[] {
  const fixed: Omit<Column, 'width'>[] = [
    { title: 'No', align: 'center', value: (_, index) => String(index + 1) },
    { title: 'Nama Lengkap', align: 'left', bold: true, value: (m) => clean(m.name).toUpperCase() },
    { title: 'NIK', align: 'left', value: (m) => numberOrPending(m.nik) },
    { title: 'Jenis Kelamin', align: 'left', value: (m) => sexLabel(m.sex) },
    { title: 'Tempat Lahir', align: 'left', value: (m) => OPTIONAL(m.birthPlace) },
    { title: 'Tanggal Lahir', align: 'left', value: (m) => formatDateNumeric(m.birthDate) },
    { title: 'Status Hubungan dalam Keluarga', align: 'left', value: (m) => relationshipLabel(m.relationship, m.sex) },
    { title: 'Nama Ayah', align: 'left', value: (m) => OPTIONAL(m.fatherName) },
    { title: 'Nama Ibu', align: 'left', value: (m) => OPTIONAL(m.motherName) },
  ];
  const widths = [22, 148, 86, 54, 80, 56, 82, 126];
  const last = tableWidth - widths.reduce((sum, width) => sum + width, 0);
  return fixed.map((column, index) => ({ ...column, width: widths[index] ?? last }));
}

interface Cell {
  readonly lines: string[];
  readonly size: number;
  readonly font: PDFFont;
}

function layoutRow(texts: readonly string[], cols: readonly Column[], fonts: (column: Column) => PDFFont, size: number): { cells: Cell[]; height: number } {
  const cells = cols.map((column, index) => {
    const font = fonts(column);
    const fitted = fitText(texts[index] ?? '', { font, size, minSize: 5.5, maxWidth: column.width - 2 * CELL_PAD, maxLines: 3 });
    return { ...fitted, font };
  });
  const height = Math.max(...cells.map((cell) => cell.lines.length * cell.size * 1.2)) + 2 * CELL_PAD;
  return { cells, height };
}

function drawRow(page: PDFPage, x: number, top: number, cols: readonly Column[], row: { cells: Cell[]; height: number }, fill?: typeof COLORS.accentLight): void {
  let cellX = x;
  cols.forEach((column, index) => {
    const cell = row.cells[index]!;
    page.drawRectangle({ x: cellX, y: top - row.height, width: column.width, height: row.height, borderColor: COLORS.rule, borderWidth: 0.5, ...(fill ? { color: fill } : {}) });
    cell.lines.forEach((line, lineIndex) => {
      const width = textWidth(cell.font, line, cell.size);
      const offset = column.align === 'center' ? (column.width - 2 * CELL_PAD - width) / 2 : 0;
      page.drawText(line, {
        x: cellX + CELL_PAD + offset,
        y: top - CELL_PAD - cell.size * 0.93 - lineIndex * cell.size * 1.2,
        size: cell.size,
        font: cell.font,
        color: COLORS.ink,
      });
    });
    cellX += column.width;
  });
}

export function drawFamilyCard(canvas: Canvas, content: FamilyCardContent, options: RenderOptions = {}): PDFPage[] {
  const { doc, fonts } = canvas;
  const { width: W, height: H } = PAGE_SIZES.A4_LANDSCAPE;
  const tableWidth = W - 2 * MARGIN;
  const cols = columns(tableWidth);
  const { address, issuer } = content;
  const codes = regionCodes(address.districtCode);
  const pages: PDFPage[] = [];

  const header = layoutRow(cols.map((column) => column.title), cols, () => fonts.sansBold, HEAD_SIZE);
  const continuationPage = (): { page: PDFPage; y: number } => {
    const page = doc.addPage([W, H]);
    pages.push(page);
    drawFrame(page, 18, COLORS.accent, 1.2);
    let y = H - 36;
    y -= drawTextBox(page, `KARTU KELUARGA No. ${content.number} (lanjutan)`, { x: MARGIN, top: y, width: tableWidth, font: fonts.serifBold, size: 12, color: COLORS.accent, align: 'center' });
    y -= 10;
    drawRow(page, MARGIN, y, cols, header, COLORS.accentLight);
    return { page, y: y - header.height };
  };

  // First page: header and address block, then the table.
  const first = doc.addPage([W, H]);
  pages.push(first);
  drawFrame(first, 18, COLORS.accent, 1.2);
  drawTextBox(first, clean(issuer.officeName).toUpperCase(), { x: MARGIN, top: H - 32, width: 230, font: fonts.sans, size: 7, minSize: 5.5, maxLines: 2, color: COLORS.muted });
  drawTextBox(first, `Cetakan ke-${content.version}`, { x: W - MARGIN - 200, top: H - 32, width: 200, font: fonts.sansBold, size: 8, color: COLORS.muted, align: 'right' });
  let y = H - 38;
  y -= drawTextBox(first, 'KARTU KELUARGA', { x: MARGIN, top: y, width: tableWidth, font: fonts.serifBold, size: 21, color: COLORS.accent, align: 'center' });
  y -= 2;
  y -= drawTextBox(first, `No. ${content.number}`, { x: MARGIN, top: y, width: tableWidth, font: fonts.sansBold, size: 13, align: 'center' });
  y -= 12;

  const left = [
    { label: 'Nama Kepala Keluarga', value: clean(content.headName).toUpperCase() },
    { label: 'Alamat', value: OPTIONAL(address.street) },
    { label: 'Desa/Kelurahan', value: address.villageName ? `${clean(address.villageName).toUpperCase()}${address.villageCode ? ` (${address.villageCode})` : ''}` : '-' },
    { label: 'Kecamatan', value: `${clean(address.districtName).toUpperCase()} (${codes.district})` },
  ];
  const right = [
    { label: 'Kabupaten/Kota', value: `${clean(address.regencyName).toUpperCase()} (${codes.regency})` },
    { label: 'Provinsi', value: `${clean(address.provinceName).toUpperCase()} (${codes.province})` },
    { label: 'Dikeluarkan tanggal', value: formatDate(content.issuedOn) },
    { label: 'Cetakan', value: `ke-${content.version}` },
  ];
  const half = (tableWidth - 30) / 2;
  const rowLayout = { labelFont: fonts.sans, valueFont: fonts.sansBold, size: 8.5, minSize: 6.5, gap: 2.5 };
  const usedLeft = drawLabelValueRows(first, left, { ...rowLayout, x: MARGIN, top: y, width: half, labelWidth: widest(left.map((r) => r.label), fonts.sans, 8.5) + 8 });
  const usedRight = drawLabelValueRows(first, right, { ...rowLayout, x: MARGIN + half + 30, top: y, width: half, labelWidth: widest(right.map((r) => r.label), fonts.sans, 8.5) + 8 });
  y -= Math.max(usedLeft, usedRight) + 10;

  drawRow(first, MARGIN, y, cols, header, COLORS.accentLight);
  y -= header.height;

  let page = first;
  content.members.forEach((member, index) => {
    const row = layoutRow(cols.map((column) => column.value(member, index)), cols, (column) => (column.bold ? fonts.sansBold : fonts.sans), BODY_SIZE);
    if (y - row.height < 40) ({ page, y } = continuationPage());
    drawRow(page, MARGIN, y, cols, row);
    y -= row.height;
  });
  // The issuing block goes under the table, or on a page of its own when the table left no room.
  if (y < 18 + FOOTER_HEIGHT) {
    page = doc.addPage([W, H]);
    pages.push(page);
    drawFrame(page, 18, COLORS.accent, 1.2);
  }

  const signed = Boolean(options.verificationUrl) && !options.draft;
  drawSignatureBlock(canvas, page, content.issuedOn, issuer, signed, { x: W - MARGIN - 235, top: 18 + FOOTER_HEIGHT - 12, width: 235, size: 9 });
  if (signed) drawVerification(canvas, page, options.verificationUrl!, { x: MARGIN + 4, y: 52, size: 86, urlWidth: 170, captionWidth: 150, textSize: 6 });

  if (pages.length > 1) {
    pages.forEach((each, index) =>
      drawTextBox(each, `Halaman ${index + 1} dari ${pages.length}`, { x: MARGIN, top: 30, width: tableWidth, font: fonts.sans, size: 7, color: COLORS.muted, align: 'center' }),
    );
  }
  if (options.draft) for (const each of pages) drawDraftMarks(each, fonts, { top: H - 21, size: 8 });
  return pages;
}
