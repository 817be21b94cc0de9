import type { PDFPage } from 'pdf-lib';
import type { ChildIdCardContent, RenderOptions } from './content.js';
import { formatDate, sexLabel } from './indonesian.js';
import {
  COLORS,
  type Canvas,
  E_SIGNED_NOTE,
  PAGE_SIZES,
  clean,
  drawDraftMarks,
  drawLabelValueRows,
  drawQrCode,
  drawRule,
  drawTextBox,
  numberOrPending,
  widest,
} from './pdf-layout.js';

/**
 * KIA (Kartu Identitas Anak, Permendagri 2/2016), the 0–5 years kind: no photo, valid through the day
 * before the 5th birthday. ID-1 card size, two pages: front (who the child is) and back (akta number,
 * address, issuing office and date, the verification QR, and whom a finder should return it to).
 */

const MARGIN = 9;
export const KIA_OWNERSHIP_NOTE =
  'Kartu ini milik negara. Bila menemukan kartu ini, mohon serahkan ke kantor Dinas Kependudukan dan Pencatatan Sipil terdekat.';

export function drawChildIdCard(canvas: Canvas, content: ChildIdCardContent, options: RenderOptions = {}): [PDFPage, PDFPage] {
  const front = drawFront(canvas, content);
  const back = drawBack(canvas, content, options);
  if (options.draft) for (const page of [front, back]) drawDraftMarks(page, canvas.fonts, { top: 8, size: 4.6 });
  return [front, back];
}

function drawFront(canvas: Canvas, content: ChildIdCardContent): PDFPage {
  const { doc, fonts } = canvas;
  const { width: W, height: H } = PAGE_SIZES.ID1;
  const page = doc.addPage([W, H]);
  const inner = W - 2 * MARGIN;
  const { issuer } = content;

  page.drawRectangle({ x: 0, y: H - 27, width: W, height: 27, color: COLORS.accent });
  let y = H - 5;
  y -= drawTextBox(page, `PROVINSI ${clean(issuer.provinceName)}`.toUpperCase(), { x: MARGIN, top: y, width: inner, font: fonts.sansBold, size: 6.4, minSize: 4.5, color: COLORS.white, align: 'center' });
  drawTextBox(page, clean(issuer.regencyName).toUpperCase(), { x: MARGIN, top: y, width: inner, font: fonts.sansBold, size: 6.4, minSize: 4.5, color: COLORS.white, align: 'center' });

  y = H - 31;
  y -= drawTextBox(page, 'KARTU IDENTITAS ANAK', { x: MARGIN, top: y, width: inner, font: fonts.serifBold, size: 9.5, color: COLORS.accent, align: 'center' });
  drawRule(page, MARGIN, W - MARGIN, y - 1, 0.4);
  y -= 4;

  const labelSize = 6;
  const rows = [
    { label: 'NIK', value: numberOrPending(content.number), maxLines: 1 },
    { label: 'Nama', value: clean(content.name).toUpperCase() },
    { label: 'Tempat/Tgl Lahir', value: `${clean(content.birthPlace).toUpperCase()}, ${formatDate(content.birthDate)}` },
    { label: 'Jenis Kelamin', value: sexLabel(content.sex), maxLines: 1 },
    { label: 'No. KK', value: content.familyCardNumber, maxLines: 1 },
    { label: 'Kepala Keluarga', value: clean(content.headName).toUpperCase() },
    { label: 'Berlaku hingga', value: formatDate(content.validThrough), maxLines: 1 },
  ];
  drawLabelValueRows(page, rows, {
    x: MARGIN,
    top: y,
    width: inner,
    labelWidth: widest(rows.map((row) => row.label), fonts.sans, labelSize) + 4,
    labelFont: fonts.sans,
    valueFont: fonts.sansBold,
    size: labelSize,
    minSize: 4.2,
    gap: 1.3,
  });
  return page;
}

function drawBack(canvas: Canvas, content: ChildIdCardContent, options: RenderOptions): PDFPage {
  const { doc, fonts } = canvas;
  const { width: W, height: H } = PAGE_SIZES.ID1;
  const page = doc.addPage([W, H]);
  const { address, issuer } = content;
  const signed = Boolean(options.verificationUrl) && !options.draft;

  page.drawRectangle({ x: 0, y: H - 14, width: W, height: 14, color: COLORS.accent });
  drawTextBox(page, `KARTU IDENTITAS ANAK · ${clean(issuer.regencyName).toUpperCase()}`, {
    x: MARGIN, top: H - 4, width: W - 2 * MARGIN, font: fonts.sansBold, size: 5.6, minSize: 4, color: COLORS.white, align: 'center',
  });

  const qrSize = 64;
  const columnWidth = W - 2 * MARGIN - (signed ? qrSize + 7 : 0);
  const labelSize = 5.4;
  const rows = [
    { label: 'No. Akta Kelahiran', value: numberOrPending(content.birthCertificateNumber), maxLines: 2 },
    { label: 'Alamat', value: address.street ? clean(address.street).toUpperCase() : '-', maxLines: 3 },
    { label: 'Desa/Kelurahan', value: address.villageName ? clean(address.villageName).toUpperCase() : '-', maxLines: 1 },
    { label: 'Kecamatan', value: clean(address.districtName).toUpperCase(), maxLines: 1 },
    { label: 'Kabupaten/Kota', value: clean(address.regencyName).toUpperCase(), maxLines: 1 },
    { label: 'Diterbitkan', value: `${clean(issuer.placeOfIssue)}, ${formatDate(content.issuedOn)}`, maxLines: 1 },
    { label: 'Oleh', value: clean(issuer.officeName), maxLines: 3 },
  ];
  let y = H - 18;
  y -= drawLabelValueRows(page, rows, {
    x: MARGIN,
    top: y,
    width: columnWidth,
    labelWidth: widest(rows.map((row) => row.label), fonts.sans, labelSize) + 3,
    labelFont: fonts.sans,
    valueFont: fonts.sansBold,
    size: labelSize,
    minSize: 3.8,
    gap: 1,
  });

  if (signed) {
    const qrX = W - MARGIN - qrSize;
    const qrY = H - 18 - qrSize;
    drawQrCode(page, options.verificationUrl!, { x: qrX, y: qrY, size: qrSize });
    drawTextBox(page, options.verificationUrl!, { x: qrX, top: qrY - 1, width: qrSize, font: fonts.sans, size: 3.6, minSize: 3, maxLines: 4, color: COLORS.muted });
    drawTextBox(page, E_SIGNED_NOTE, { x: MARGIN, top: y - 1, width: columnWidth, font: fonts.sans, size: 4.4, minSize: 3.4, maxLines: 2, color: COLORS.accent });
  }

  drawRule(page, MARGIN, W - MARGIN, 23, 0.3);
  drawTextBox(page, KIA_OWNERSHIP_NOTE, { x: MARGIN, top: 21, width: W - 2 * MARGIN, font: fonts.sans, size: 4.6, minSize: 3.5, maxLines: 2, color: COLORS.muted, align: 'center' });
  return page;
}
