import { createHash } from 'node:crypto';
import { PDFHexString, PDFName, type PDFPage } from 'pdf-lib';
import stringify from 'safe-stable-stringify';
import { drawBirthCertificate } from './birth-certificate-pdf.js';
import { drawChildIdCard } from './child-id-card-pdf.js';
import { DOCUMENT_NAMES, type DocumentContent, DocumentContentSchema, type DocumentType, type RenderOptions } from './content.js';
import { drawFamilyCard } from './family-card-pdf.js';
import { formatDate } from './indonesian.js';
import { type Canvas, clean, createCanvas } from './pdf-layout.js';

/**
 * Document content → PDF bytes. The same content and options always give the same bytes: metadata
 * dates come from `issuedOn`, the document ID from a digest of the input, the font subset names are
 * fixed, and nothing reads the clock or a random source.
 */

export { PAGE_SIZES, PENDING_NUMBER, DRAFT_MARK, DRAFT_BANNER, E_SIGNED_NOTE } from './pdf-layout.js';
export { documentFontFiles, FONT_FILES } from './fonts.js';

export const PDF_CREATOR = 'Lahir Procot Pulang Bawa Akte';
export const PDF_PRODUCER = 'Lahir Procot Pulang Bawa Akte (pdf-lib)';

export interface RenderItem {
  readonly content: DocumentContent;
  readonly options?: RenderOptions;
}

export class DocumentRenderError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DocumentRenderError';
  }
}

/** Where each kind of document goes in a bundle: akta, then KK, then KIA (front, back). */
const BUNDLE_ORDER: Record<DocumentType, number> = { BIRTH_CERTIFICATE: 0, FAMILY_CARD: 1, CHILD_ID_CARD: 2 };

interface Bookmark {
  readonly title: string;
  readonly page: PDFPage;
}

function draw(canvas: Canvas, content: DocumentContent, options: RenderOptions): Bookmark[] {
  const draft = options.draft ? ' (DRAF)' : '';
  switch (content.type) {
    case 'BIRTH_CERTIFICATE': {
      const pages = drawBirthCertificate(canvas, content, options);
      return [{ title: `${DOCUMENT_NAMES[content.type]} — ${clean(content.child.name)}${draft}`, page: pages[0]! }];
    }
    case 'FAMILY_CARD': {
      const pages = drawFamilyCard(canvas, content, options);
      return [{ title: `${DOCUMENT_NAMES[content.type]} No. ${content.number}${draft}`, page: pages[0]! }];
    }
    case 'CHILD_ID_CARD': {
      const [front, back] = drawChildIdCard(canvas, content, options);
      return [
        { title: `KIA ${clean(content.name)} — depan${draft}`, page: front },
        { title: `KIA ${clean(content.name)} — belakang${draft}`, page: back },
      ];
    }
  }
}

function documentTitle(content: DocumentContent, options: RenderOptions): string {
  const number = content.number ?? '';
  const title = number ? `${DOCUMENT_NAMES[content.type]} ${number}` : DOCUMENT_NAMES[content.type];
  return options.draft ? `DRAF — ${title}` : title;
}

/** Midnight at the start of the issue date in WIB: a fixed instant for the PDF's dates. */
function issueInstant(issuedOn: string): Date {
  return new Date(`${issuedOn}T00:00:00+07:00`);
}

function parse(items: readonly RenderItem[]): { content: DocumentContent; options: RenderOptions }[] {
  return items.map((item, index) => {
    const parsed = DocumentContentSchema.safeParse(item.content);
    if (!parsed.success) throw new DocumentRenderError(`document ${index} does not match its content schema`, { cause: parsed.error });
    return { content: parsed.data, options: item.options ?? {} };
  });
}

async function render(
  items: readonly { content: DocumentContent; options: RenderOptions }[],
  meta: { title: string; subject: string; author: string; issuedOn: string; bookmarks: boolean },
): Promise<Uint8Array> {
  const canvas = await createCanvas();
  const { doc } = canvas;
  const bookmarks = items.flatMap((item) => draw(canvas, item.content, item.options));

  const instant = issueInstant(meta.issuedOn);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setCreator(PDF_CREATOR);
  doc.setProducer(PDF_PRODUCER);
  doc.setCreationDate(instant);
  doc.setModificationDate(instant);
  doc.setLanguage('id-ID');
  if (meta.bookmarks) addOutline(canvas, bookmarks);

  // pdf-lib writes no trailer ID of its own; give one derived from the input, as PDF 2.0 asks.
  const id = createHash('sha256').update(stringify(items) ?? '').digest('hex').slice(0, 32);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);

  return doc.save({ useObjectStreams: true });
}

/**
 * Reads and parses the fonts ahead of the first request (call it during a Lambda's init phase): the
 * first render otherwise pays about half a second for it.
 */
export async function warmUpRenderer(): Promise<void> {
  await createCanvas();
}

/** One document as a PDF: akta (1 page A4), KK (A4 landscape, more pages for large families) or KIA (2 ID-1 pages). */
export async function renderDocument(content: DocumentContent, options: RenderOptions = {}): Promise<Uint8Array> {
  const items = parse([{ content, options }]);
  const item = items[0]!;
  return render(items, {
    title: documentTitle(item.content, item.options),
    subject: DOCUMENT_NAMES[item.content.type],
    author: clean(item.content.issuer.officeName),
    issuedOn: item.content.issuedOn,
    bookmarks: false,
  });
}

/**
 * Several documents in one PDF for a parent's phone, in the order akta, KK, KIA (front, back) whatever
 * the input order (documents of one kind keep theirs, e.g. twins' akta), with a bookmark per page group.
 */
export async function renderBundle(items: readonly RenderItem[]): Promise<Uint8Array> {
  if (items.length === 0) throw new DocumentRenderError('a bundle needs at least one document');
  const parsed = parse(items)
    .map((item, index) => ({ ...item, index }))
    .sort((a, b) => BUNDLE_ORDER[a.content.type] - BUNDLE_ORDER[b.content.type] || a.index - b.index)
    .map(({ content, options }) => ({ content, options }));
  const issuedOn = parsed.map((item) => item.content.issuedOn).sort().at(-1)!;
  const kinds = [...new Set(parsed.map((item) => DOCUMENT_NAMES[item.content.type]))];
  const anyDraft = parsed.some((item) => item.options.draft);
  return render(parsed, {
    title: `${anyDraft ? 'DRAF — ' : ''}Dokumen kelahiran ${formatDate(issuedOn)}`,
    subject: kinds.join(', '),
    author: clean(parsed[0]!.content.issuer.officeName),
    issuedOn,
    bookmarks: true,
  });
}

/** A flat outline (bookmarks panel), one entry per document or card side. pdf-lib has no API for it. */
function addOutline({ doc }: Canvas, bookmarks: readonly Bookmark[]): void {
  const { context } = doc;
  const outlinesRef = context.nextRef();
  const refs = bookmarks.map(() => context.nextRef());
  bookmarks.forEach((bookmark, index) => {
    const entry = context.obj({ Parent: outlinesRef, Dest: [bookmark.page.ref, 'Fit'] });
    entry.set(PDFName.of('Title'), PDFHexString.fromText(bookmark.title));
    if (index > 0) entry.set(PDFName.of('Prev'), refs[index - 1]!);
    if (index < refs.length - 1) entry.set(PDFName.of('Next'), refs[index + 1]!);
    context.assign(refs[index]!, entry);
  });
  context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: refs[0]!, Last: refs.at(-1)!, Count: refs.length }));
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
}
