import type { PDFPage } from 'pdf-lib';
import type { Issuer } from './content.js';
import { formatDate } from './indonesian.js';
import { COLORS, type Canvas, E_SIGNED_NOTE, clean, drawQrCode, drawTextBox, fitText } from './pdf-layout.js';

/**
 * The issuing block every full-page document ends with: place and date of issue, the official's title
 * and name (NIP if any). `signed` prints the electronic-signature note (TTE: the signature itself is
 * in the document record, not drawn here); without it the space is left blank.
 */
export function drawSignatureBlock(
  canvas: Canvas,
  page: PDFPage,
  issuedOn: string,
  issuer: Issuer,
  signed: boolean,
  box: { x: number; top: number; width: number; size: number },
): number {
  const { fonts } = canvas;
  const text = { x: box.x, width: box.width, font: fonts.sans, size: box.size, minSize: box.size * 0.75 };
  let y = box.top;
  y -= drawTextBox(page, `${clean(issuer.placeOfIssue)}, ${formatDate(issuedOn)}`, { ...text, top: y });
  y -= box.size * 0.4;
  y -= drawTextBox(page, clean(issuer.officialTitle), { ...text, top: y, maxLines: 3 });
  y -= drawTextBox(page, clean(issuer.regencyName).toUpperCase(), { ...text, top: y, maxLines: 2 });
  y -= box.size * 0.6;
  const gap = box.size * 3.4;
  if (signed) {
    // The note centred in a framed box where a wet signature would go.
    const pad = box.size * 0.35;
    const note = { font: fonts.sans, size: box.size * 0.72, minSize: box.size * 0.55, maxWidth: box.width - 2 * pad, maxLines: 2 };
    const fitted = fitText(E_SIGNED_NOTE, note);
    const noteHeight = fitted.lines.length * fitted.size * 1.2;
    const height = Math.max(noteHeight + 2 * pad, gap - box.size * 0.6);
    page.drawRectangle({ x: box.x, y: y - height, width: box.width, height, borderColor: COLORS.accent, borderWidth: 0.6 });
    drawTextBox(page, E_SIGNED_NOTE, {
      x: box.x + pad, top: y - (height - noteHeight) / 2, width: note.maxWidth, font: note.font, size: note.size, minSize: note.minSize, maxLines: 2, color: COLORS.accent, align: 'center',
    });
    y -= height + box.size * 0.6;
  } else {
    y -= gap;
  }
  const nameHeight = drawTextBox(page, clean(issuer.officialName).toUpperCase(), { ...text, font: fonts.sansBold, top: y, maxLines: 2 });
  const underlineY = y - nameHeight - 0.5;
  page.drawLine({ start: { x: box.x, y: underlineY }, end: { x: box.x + box.width, y: underlineY }, thickness: 0.6, color: COLORS.ink });
  y -= nameHeight + 3;
  if (issuer.officialId) y -= drawTextBox(page, `NIP. ${clean(issuer.officialId)}`, { ...text, top: y });
  return box.top - y;
}

export const VERIFY_CAPTION = 'Pindai kode QR untuk memeriksa keaslian dokumen ini di laman verifikasi resmi.';

/** The QR code of the public verification page, its URL printed small underneath, and a caption. */
export function drawVerification(
  canvas: Canvas,
  page: PDFPage,
  url: string,
  at: { x: number; y: number; size: number; urlWidth: number; captionWidth: number; textSize?: number },
): void {
  const { fonts } = canvas;
  drawQrCode(page, url, { x: at.x, y: at.y, size: at.size });
  const textSize = at.textSize ?? 6.5;
  drawTextBox(page, url, { x: at.x, top: at.y - 2, width: at.urlWidth, font: fonts.sans, size: textSize, minSize: textSize * 0.8, maxLines: 3, color: COLORS.muted });
  drawTextBox(page, VERIFY_CAPTION, {
    x: at.x + at.size + 8, top: at.y + at.size - 6, width: at.captionWidth, font: fonts.sans, size: 7.5, minSize: 6, maxLines: 5, color: COLORS.muted,
  });
}
