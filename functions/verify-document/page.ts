import type { DocumentType } from '../../documents/content.js';

import type { DocumentState } from '../../domain/document-state.js';

/**
 * What a verification found: a genuine document (its digest and signature hold) and its state, or
 * nothing genuine (an unknown id, an altered record). `valid` is true only for an ACTIVE document.
 */
export type VerificationResult =
  | {
      readonly valid: boolean;
      readonly state: DocumentState;
      readonly type: DocumentType;
      readonly typeName: string;
      readonly number: string;
      readonly issuedAt: string;
      readonly issuer: { readonly officeName: string; readonly officialName: string; readonly officialTitle: string };
      readonly subject: { readonly name: string };
      /** A KIA's last valid day. */
      readonly validThrough?: string;
    }
  | { readonly valid: false; readonly state?: undefined };

/** The page people see after scanning a document's QR code: Indonesian first, no scripts, no external assets. */
const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
function indonesianDate(iso: string): string {
  // A calendar date (YYYY-MM-DD) is shown as it is; an instant on the WIB calendar.
  const wib = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(Date.parse(iso) + 7 * 3600_000);
  return `${wib.getUTCDate()} ${MONTHS[wib.getUTCMonth()]} ${wib.getUTCFullYear()}`;
}

/** The verdict and what to do, by state: Indonesian first, English under it. */
function verdictOf(result: Extract<VerificationResult, { state: DocumentState }>): { css: string; verdict: string; note: string } {
  const { state } = result;
  const compare = 'Cocokkan data di atas dengan dokumen cetak. Nama disamarkan untuk melindungi data pribadi.<br><span>Compare the details with the printed document; the name is partly hidden to protect personal data.</span>';
  switch (state.status) {
    case 'ACTIVE':
      return { css: 'ok', verdict: '✔ Dokumen ASLI dan BERLAKU <span>Genuine and valid</span>', note: compare };
    case 'SUPERSEDED':
      return {
        css: 'warn',
        verdict: '⚠ Dokumen ASLI, tetapi SUDAH DIGANTI <span>Genuine, but replaced by a newer version</span>',
        note: `Sejak ${escape(indonesianDate(state.since))} ada versi yang lebih baru dari dokumen ini; cetakan ini tidak lagi berlaku. Mintalah dokumen yang terbaru kepada pemiliknya, atau tanyakan ke Dinas Kependudukan dan Pencatatan Sipil.<br><span>Since ${escape(state.since.slice(0, 10))} a newer version of this document exists; this print no longer holds. Ask its holder for the current one, or the civil registry office.</span>`,
      };
    case 'REVOKED':
      return {
        css: 'bad',
        verdict: '✘ Dokumen DIBATALKAN <span>Revoked</span>',
        note: `Pencatatan yang menjadi dasar dokumen ini telah dibatalkan${state.since ? ` sejak ${escape(indonesianDate(state.since))}` : ''}; dokumen ini tidak berlaku. Hubungi Dinas Kependudukan dan Pencatatan Sipil.<br><span>The registration behind this document was revoked; the document does not hold. Contact the civil registry office.</span>`,
      };
    case 'EXPIRED':
      return {
        css: 'warn',
        verdict: '⚠ Dokumen ASLI, tetapi MASA BERLAKUNYA HABIS <span>Genuine, but expired</span>',
        note: `Dokumen ini berlaku sampai ${escape(indonesianDate(result.validThrough ?? state.since))}. Ajukan dokumen yang baru ke Dinas Kependudukan dan Pencatatan Sipil.<br><span>This document was valid until ${escape(result.validThrough ?? state.since)}. Apply to the civil registry office for a new one.</span>`,
      };
    default:
      return state satisfies never;
  }
}

export function renderVerificationPage(result: VerificationResult): string {
  let body: string;
  if (result.state) {
    const { css, verdict, note } = verdictOf(result);
    body = `<p class="verdict ${css}">${verdict}</p>
  <dl>
    <dt>Jenis dokumen <span>Document</span></dt><dd>${escape(result.typeName)}</dd>
    <dt>Nomor <span>Number</span></dt><dd>${escape(result.number)}</dd>
    <dt>Atas nama <span>Subject</span></dt><dd>${escape(result.subject.name)}</dd>
    <dt>Diterbitkan <span>Issued</span></dt><dd>${escape(indonesianDate(result.issuedAt))}</dd>
    <dt>Oleh <span>Issuer</span></dt><dd>${escape(result.issuer.officeName)}</dd>
    <dt>Ditandatangani secara elektronik <span>Signed by</span></dt><dd>${escape(result.issuer.officialName)}<br><small>${escape(result.issuer.officialTitle)}</small></dd>
  </dl>
  <p class="note">${note}</p>`;
  } else {
    body = `<p class="verdict bad">✘ Dokumen TIDAK DAPAT DIVERIFIKASI <span>Not a valid document</span></p>
  <p class="note">Kode verifikasi tidak dikenal atau dokumen telah diubah. Hubungi Dinas Kependudukan dan Pencatatan Sipil.<br><span>The verification code is unknown or the document was altered. Contact the civil registry office.</span></p>`;
  }
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
  .warn { background: #fef5e7; color: #7e5109; border: 2px solid #b9770e; }
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
