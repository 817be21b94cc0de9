import type { PDFPage } from 'pdf-lib';
import { MARRIAGE_NOT_RECORDED_PHRASE, Parentage } from '../domain/parentage.js';
import type { BirthCertificateContent, RenderOptions } from './content.js';
import { dateInWords, formatDate, formatTime, ordinalWord, sexLabel, terbilang } from './indonesian.js';
import {
  COLORS,
  type Canvas,
  PAGE_SIZES,
  type Span,
  clean,
  drawDraftMarks,
  drawFrame,
  drawLabelValueRows,
  drawParagraph,
  drawRule,
  drawTextBox,
  numberOrPending,
  widest,
} from './pdf-layout.js';
import { drawSignatureBlock, drawVerification } from './signature.js';

/**
 * Kutipan akta kelahiran (the birth certificate extract people carry), A4 portrait, one page:
 * header, number and NIK, the child and parents as rows, the classic sentence ("Berdasarkan Akta
 * Kelahiran Nomor … bahwa di … telah lahir …"), then place/date of issue and the signing official,
 * with the QR code of the public verification page at the bottom.
 */

const MARGIN = 62;

/** "anak kedua" and, for twins, "kembar dua urutan pertama". */
export function birthOrderPhrase(child: BirthCertificateContent['child']): string {
  const order = `anak ${ordinalWord(child.birthOrder)}`;
  if (!child.multipleBirth) return order;
  return `${order}, kembar ${terbilang(child.multipleBirth.count)} urutan ${ordinalWord(child.multipleBirth.order)}`;
}

/** The akta's sentence, as spans so that names, places and the number stand out in bold. */
export function birthCertificateSentence(content: BirthCertificateContent, fonts: Canvas['fonts']): Span[] {
  const regular = (text: string): Span => ({ text, font: fonts.serif });
  const bold = (text: string): Span => ({ text, font: fonts.serifBold });
  const { child, mother, father } = content;
  const notRecorded = father !== null && content.parentage === Parentage.MARRIAGE_NOT_RECORDED;
  const parents: Span[] = father
    ? [
        regular('dari ayah'),
        bold(clean(father.name).toUpperCase()),
        regular('dan ibu'),
        bold(`${clean(mother.name).toUpperCase()}${notRecorded ? ',' : '.'}`),
        ...(notRecorded ? [regular(`${MARRIAGE_NOT_RECORDED_PHRASE}.`)] : []),
      ]
    : [regular('anak seorang ibu bernama'), bold(`${clean(mother.name).toUpperCase()}.`)];
  return [
    regular('Berdasarkan Akta Kelahiran Nomor'),
    bold(`${numberOrPending(content.number)},`),
    regular('bahwa di'),
    bold(clean(child.birthPlace).toUpperCase()),
    regular(`pada tanggal ${dateInWords(child.birthDate)} (${formatDate(child.birthDate)}) telah lahir`),
    bold(`${clean(child.name).toUpperCase()},`),
    regular(`${birthOrderPhrase(child)},`),
    bold(`${sexLabel(child.sex)},`),
    ...parents,
    // A late registration states its basis, the head of office's decree, in the sentence itself.
    ...(content.lateRegistrationDecree
      ? [
          regular(`Pencatatan kelahiran ini dilakukan setelah melewati batas waktu 60 hari berdasarkan Keputusan Kepala ${clean(content.issuer.officeName)} Nomor`),
          bold(`${clean(content.lateRegistrationDecree)}.`),
        ]
      : []),
  ];
}

export function drawBirthCertificate(canvas: Canvas, content: BirthCertificateContent, options: RenderOptions = {}): PDFPage[] {
  const { doc, fonts } = canvas;
  const { width: W, height: H } = PAGE_SIZES.A4_PORTRAIT;
  const page = doc.addPage([W, H]);
  const contentWidth = W - 2 * MARGIN;
  const { child, mother, father, issuer } = content;

  drawFrame(page, 22, COLORS.accent, 1.6);
  drawFrame(page, 27, COLORS.accent, 0.5);

  let y = H - 52;
  y -= drawTextBox(page, 'PENCATATAN SIPIL', { x: MARGIN, top: y, width: contentWidth, font: fonts.sansBold, size: 8.5, color: COLORS.accent, align: 'center' });
  y -= drawTextBox(page, clean(issuer.officeName).toUpperCase(), { x: MARGIN, top: y, width: contentWidth, font: fonts.sans, size: 9, minSize: 7, maxLines: 2, align: 'center' });
  y -= drawTextBox(page, `${clean(issuer.regencyName)} · PROVINSI ${clean(issuer.provinceName)}`.toUpperCase(), {
    x: MARGIN, top: y, width: contentWidth, font: fonts.sans, size: 8.5, minSize: 6.5, color: COLORS.muted, align: 'center',
  });
  y -= 8;
  drawRule(page, MARGIN, W - MARGIN, y, 0.8, COLORS.accent);
  y -= 22;

  y -= drawTextBox(page, 'KUTIPAN AKTA KELAHIRAN', { x: MARGIN, top: y, width: contentWidth, font: fonts.serifBold, size: 23, color: COLORS.accent, align: 'center' });
  y -= 6;
  y -= drawTextBox(page, `Nomor: ${numberOrPending(content.number)}`, { x: MARGIN, top: y, width: contentWidth, font: fonts.sansBold, size: 12.5, minSize: 9, align: 'center' });
  y -= 2;
  y -= drawTextBox(page, `NIK: ${numberOrPending(content.nik)}`, { x: MARGIN, top: y, width: contentWidth, font: fonts.sans, size: 11.5, minSize: 9, align: 'center' });
  if (content.printNumber) {
    const printed = content.printedOn ? `, dicetak ${formatDate(content.printedOn)}` : '';
    y -= drawTextBox(page, `Kutipan ke-${content.printNumber}${printed}`, { x: MARGIN, top: y, width: contentWidth, font: fonts.sans, size: 9.5, minSize: 8, align: 'center' });
  }
  y -= 24;

  const childRows = [
    { label: 'Nama Lengkap', value: clean(child.name).toUpperCase() },
    { label: 'Jenis Kelamin', value: sexLabel(child.sex) },
    { label: 'Tempat Lahir', value: clean(child.birthPlace).toUpperCase() },
    { label: 'Tanggal Lahir', value: `${formatDate(child.birthDate)}, pukul ${formatTime(child.birthTime, child.timeZone)}` },
    { label: 'Anak ke-', value: `${child.birthOrder} (${ordinalWord(child.birthOrder)})` },
    {
      label: 'Jenis Kelahiran',
      value: child.multipleBirth
        ? `Kembar ${terbilang(child.multipleBirth.count)}, urutan ke-${child.multipleBirth.order} (${ordinalWord(child.multipleBirth.order)})`
        : 'Tunggal',
    },
    ...(child.citizenship ? [{ label: 'Kewarganegaraan', value: child.citizenship }] : []),
  ];
  const parentRows = [
    { label: 'Nama Ibu', value: clean(mother.name).toUpperCase() },
    ...(father ? [{ label: 'Nama Ayah', value: clean(father.name).toUpperCase() }] : []),
  ];
  const rowLayout = {
    x: MARGIN,
    width: contentWidth,
    labelWidth: widest([...childRows, ...parentRows].map((row) => row.label), fonts.sans, 10.5) + 14,
    labelFont: fonts.sans,
    valueFont: fonts.sansBold,
    size: 10.5,
    minSize: 8,
    gap: 4.5,
  };

  y -= sectionHeading(canvas, page, 'KETERANGAN ANAK', y, contentWidth);
  y -= drawLabelValueRows(page, childRows, { ...rowLayout, top: y });
  y -= 10;
  y -= sectionHeading(canvas, page, 'KETERANGAN ORANG TUA', y, contentWidth);
  y -= drawLabelValueRows(page, parentRows, { ...rowLayout, top: y });
  y -= 18;

  // The sentence takes the room down to the signature block, shrinking if the names are very long.
  const signatureTop = 258;
  // The statement that this is a true extract of the register sits just above the signature block.
  const statementHeight = content.extractStatement ? 24 : 0;
  const paragraphTop = y;
  const used = drawParagraph(page, birthCertificateSentence(content, fonts), {
    x: MARGIN + 12,
    top: y,
    width: contentWidth - 12,
    size: 12.5,
    maxHeight: paragraphTop - signatureTop - 14 - statementHeight,
  });
  // An accent bar beside the sentence: the part a reader quotes.
  page.drawRectangle({ x: MARGIN, y: paragraphTop - used + 2, width: 2.5, height: used, color: COLORS.accent });
  if (content.extractStatement) {
    drawTextBox(page, clean(content.extractStatement), {
      x: MARGIN,
      top: Math.min(paragraphTop - used - 10, signatureTop + statementHeight),
      width: contentWidth,
      font: fonts.serif,
      size: 10,
      minSize: 8,
      maxLines: 2,
    });
  }

  const signed = Boolean(options.verificationUrl) && !options.draft;
  drawSignatureBlock(canvas, page, content.issuedOn, issuer, signed, { x: W - MARGIN - 250, top: signatureTop, width: 250, size: 10.5 });
  if (signed) drawVerification(canvas, page, options.verificationUrl!, { x: MARGIN, y: 72, size: 92, urlWidth: 150, captionWidth: 110 });

  if (options.draft) drawDraftMarks(page, fonts, { top: H - 33, size: 9 });
  const notes = content.marginalNotes ?? [];
  if (notes.length === 0) return [page];
  // Catatan pinggir: each correction, what/basis (the text), when and by whom, on a page of its own.
  const notesPage = doc.addPage([W, H]);
  drawFrame(notesPage, 22, COLORS.accent, 1.6);
  let top = H - 60;
  top -= drawTextBox(notesPage, 'CATATAN PINGGIR', { x: MARGIN, top, width: contentWidth, font: fonts.serifBold, size: 16, color: COLORS.accent, align: 'center' });
  top -= drawTextBox(notesPage, `Akta Kelahiran Nomor ${numberOrPending(content.number)}`, { x: MARGIN, top, width: contentWidth, font: fonts.sans, size: 10, align: 'center' });
  top -= 16;
  for (const note of notes) {
    top -= drawTextBox(notesPage, `Kutipan ke-${note.printNumber} · ${formatDate(note.on)} · oleh ${clean(note.by)}`, { x: MARGIN, top, width: contentWidth, font: fonts.sansBold, size: 9.5 });
    top -= drawTextBox(notesPage, clean(note.text), { x: MARGIN, top, width: contentWidth, font: fonts.sans, size: 10, maxLines: 4, minSize: 8 });
    top -= 10;
    if (top < 120) break;
  }
  if (options.draft) drawDraftMarks(notesPage, fonts, { top: H - 33, size: 9 });
  return [page, notesPage];
}

function sectionHeading(canvas: Canvas, page: PDFPage, text: string, top: number, width: number): number {
  const used = drawTextBox(page, text, { x: MARGIN, top, width, font: canvas.fonts.sansBold, size: 8.5, color: COLORS.accent });
  drawRule(page, MARGIN, MARGIN + width, top - used - 1, 0.4);
  return used + 7;
}
