import type { DocumentType } from '../../documents/content.js';

/** The page people see after scanning a document's QR code: Indonesian first, no scripts, no external assets. */
export type VerificationResult =
  | {
      readonly valid: true;
      readonly type: DocumentType;
      readonly typeName: string;
      readonly number: string;
      readonly issuedAt: string;
      readonly issuer: { readonly officeName: string; readonly officialName: string; readonly officialTitle: string };
      readonly subject: { readonly name: string };
    }
  | { readonly valid: false };

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
function indonesianDate(iso: string): string {
  const wib = new Date(Date.parse(iso) + 7 * 3600_000);
  return `${wib.getUTCDate()} ${MONTHS[wib.getUTCMonth()]} ${wib.getUTCFullYear()}`;
}

export function renderVerificationPage(result: VerificationResult): string {
  const body = result.valid
    ? `<p class="verdict ok">✔ Dokumen ASLI <span>Genuine document</span></p>
  <dl>
    <dt>Jenis dokumen <span>Document</span></dt><dd>${escape(result.typeName)}</dd>
    <dt>Nomor <span>Number</span></dt><dd>${escape(result.number)}</dd>
    <dt>Atas nama <span>Subject</span></dt><dd>${escape(result.subject.name)}</dd>
    <dt>Diterbitkan <span>Issued</span></dt><dd>${escape(indonesianDate(result.issuedAt))}</dd>
    <dt>Oleh <span>Issuer</span></dt><dd>${escape(result.issuer.officeName)}</dd>
    <dt>Ditandatangani secara elektronik <span>Signed by</span></dt><dd>${escape(result.issuer.officialName)}<br><small>${escape(result.issuer.officialTitle)}</small></dd>
  </dl>
  <p class="note">Cocokkan data di atas dengan dokumen cetak. Nama disamarkan untuk melindungi data pribadi.<br><span>Compare the details with the printed document; the name is partly hidden to protect personal data.</span></p>`
    : `<p class="verdict bad">✘ Dokumen TIDAK DAPAT DIVERIFIKASI <span>Not a valid document</span></p>
  <p class="note">Kode verifikasi tidak dikenal atau dokumen telah diubah. Hubungi Dinas Kependudukan dan Pencatatan Sipil.<br><span>The verification code is unknown or the document was altered. Contact the civil registry office.</span></p>`;
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Verifikasi Dokumen Kependudukan</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; background: #f4f6f8; color: #1b2631; }
  main { max-width: 34rem; margin: 0 auto; padding: 1.5rem 1rem; }
  h1 { font-size: 1.25rem; margin: 0 0 1rem; }
  .verdict { font-size: 1.4rem; font-weight: 700; padding: 1rem; border-radius: .5rem; margin: 0 0 1rem; }
  .verdict span, dt span, .note span { display: block; font-size: .8rem; font-weight: 400; color: #4a5663; }
  .ok { background: #e3f4e8; color: #145a32; border: 2px solid #1e8449; }
  .bad { background: #fdecea; color: #922b21; border: 2px solid #c0392b; }
  dl { background: #fff; border-radius: .5rem; padding: 1rem; margin: 0 0 1rem; }
  dt { font-size: .85rem; color: #4a5663; margin-top: .75rem; } dt:first-child { margin-top: 0; }
  dd { margin: 0; font-size: 1.05rem; font-weight: 600; word-break: break-word; }
  .note { font-size: .9rem; }
</style>
</head>
<body>
<main>
  <h1>Verifikasi Dokumen Kependudukan <small>(Document verification)</small></h1>
  ${body}
</main>
</body>
</html>`;
}
