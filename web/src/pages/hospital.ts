import QRCode from 'qrcode';
import { api, ApiError } from '../api.js';
import { formatDateTime, h, mount } from '../dom.js';
import type { SubmissionList, SubmitResponse } from '../contract.js';
import { t, tr, type MessageKey } from '../i18n.js';
import { requireRole } from '../guard.js';

/** The form's fields as the API's body, not checked here: the API validates and answers every problem by path. */
interface Draft {
  [key: string]: unknown;
}

/** The form's fields, named by the API's field paths, so the API's messages land next to their field. */
const FIELDS: { path: string; type?: string; options?: readonly string[]; prefix?: string; inputmode?: string; optional?: boolean }[] = [
  { path: 'notificationId' },
  { path: 'child.name' },
  { path: 'child.sex', options: ['MALE', 'FEMALE'], prefix: 'sex' },
  { path: 'child.birthDateTime', type: 'datetime-local' },
  { path: 'child.birthPlace', optional: true },
  { path: 'child.birthOrder', type: 'number' },
  { path: 'child.weightGrams', type: 'number' },
  { path: 'child.lengthCm', type: 'number' },
  { path: 'mother.nik', inputmode: 'numeric' },
  { path: 'father.nik', inputmode: 'numeric', optional: true },
  { path: 'familyCardNumber', inputmode: 'numeric' },
  { path: 'marriageCertificateNumber', optional: true },
  { path: 'attendant.type', options: ['DOCTOR', 'MIDWIFE', 'NURSE', 'OTHER'], prefix: 'attendant' },
  { path: 'attendant.name' },
  { path: 'contactPhone', type: 'tel' },
];
const OFFSETS = [
  ['+07:00', 'WIB (UTC+7)'],
  ['+08:00', 'WITA (UTC+8)'],
  ['+09:00', 'WIT (UTC+9)'],
] as const;

const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;

function setPath(target: Draft, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Draft;
  node[parts.at(-1)!] = value;
}

/** The notification as the API takes it; empty optional fields are left out, numbers sent as numbers. */
function bodyOf(form: HTMLFormElement): Draft {
  const data = new FormData(form);
  const body: Draft = {};
  for (const field of FIELDS) {
    const raw = String(data.get(field.path) ?? '').trim();
    if (raw === '' && field.optional) continue;
    if (field.path === 'child.birthDateTime') setPath(body, field.path, raw ? `${raw.length === 16 ? `${raw}:00` : raw}${data.get('offset')}` : '');
    else if (field.type === 'number') setPath(body, field.path, raw === '' ? undefined : Number(raw));
    else setPath(body, field.path, raw);
  }
  return body;
}

function birthForm(onSent: () => void): HTMLFormElement {
  const summary = h('div', { class: 'message', role: 'alert', id: 'form-summary' });
  const controls = FIELDS.map((field) => {
    const id = fieldId(field.path);
    const label = h('label', { for: id }, t(`field.${field.path}` as MessageKey));
    const control = field.options
      ? h('select', { id, name: field.path }, field.options.map((o) => h('option', { value: o }, tr(field.prefix ?? '', o))))
      : h('input', { id, name: field.path, type: field.type ?? 'text', inputmode: field.inputmode, step: field.path === 'child.lengthCm' ? '0.1' : undefined, autocomplete: 'off' });
    const error = h('p', { class: 'field-error', id: `${id}-error` });
    control.setAttribute('aria-describedby', error.id);
    const extra =
      field.path === 'child.birthDateTime'
        ? [h('label', { for: 'f-offset' }, t('field.offset')), h('select', { id: 'f-offset', name: 'offset' }, OFFSETS.map(([v, l]) => h('option', { value: v }, l)))]
        : [];
    return h('div', { class: 'field' }, label, control, error, ...extra);
  });
  const form = h('form', { novalidate: true, class: 'birth-form' }, summary, h('div', { class: 'grid' }, controls), h('button', { type: 'submit', class: 'primary' }, t('hospital.submit')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    summary.textContent = '';
    api<SubmitResponse>('/v1/births', { method: 'POST', body: bodyOf(form) })
      .then((sent) => {
        summary.textContent = t('hospital.sent', { code: sent.accessCode });
        summary.className = 'message ok';
        form.reset();
        onSent();
      })
      .catch((error: unknown) => {
        summary.className = 'message error';
        if (!(error instanceof ApiError) || !error.body.issues) {
          summary.textContent = t('common.error', { message: (error as Error).message });
          return;
        }
        // The API's own messages, at the field they concern (the API validates; the form does not guess).
        summary.textContent = t('hospital.fix');
        let first: HTMLElement | undefined;
        for (const issue of error.body.issues) {
          const path = FIELDS.find((f) => issue.path === f.path || issue.path.startsWith(`${f.path}.`))?.path ?? issue.path;
          const control = form.querySelector<HTMLElement>(`#${fieldId(path).replace(/[^\w-]/g, '\\$&')}`);
          const slot = form.querySelector(`#${fieldId(path).replace(/[^\w-]/g, '\\$&')}-error`);
          if (control && slot) {
            slot.textContent = slot.textContent ? `${slot.textContent} ${issue.message}` : issue.message;
            control.setAttribute('aria-invalid', 'true');
            first ??= control;
          } else {
            summary.append(h('br'), `${issue.path}: ${issue.message}`);
          }
        }
        first?.focus();
      });
  });
  return form;
}

async function submissionsList(): Promise<HTMLElement> {
  const { items } = await api<SubmissionList>('/v1/births?limit=50');
  if (items.length === 0) return h('p', {}, t('hospital.listEmpty'));
  return h(
    'ul',
    { class: 'submissions' },
    items.map((item) =>
      h(
        'li',
        { 'data-registration-id': item.registrationId, 'data-status': item.status },
        h('strong', {}, item.child.name),
        ` · ${item.notificationId} · ${t('hospital.submitted')} ${formatDateTime(item.submittedAt)}`,
        h('br'),
        h('span', { class: `badge status-${item.status.toLowerCase()}` }, item.status),
        ' ',
        tr('status', item.status),
        item.rejection ? h('p', { class: 'reason' }, `${t('hospital.reason')}: ${item.rejection.reason}`) : null,
        // The code is shown for 24 hours after intake only (a registrar re-issues a lost one).
        item.accessCode
          ? h('p', {}, `${t('hospital.code')}: `, h('code', {}, item.accessCode), ' · ', h('a', { href: `#/slip/${item.registrationId}?kode=${encodeURIComponent(item.accessCode)}` }, t('hospital.slip')))
          : null,
      ),
    ),
  );
}

/** Facilities without their own system: the notification form and their own submissions. */
export async function hospitalPage(): Promise<void> {
  if (!requireRole('hospital')) return;
  const list = h('div', { id: 'submissions' }, t('common.loading'));
  const refresh = async () => list.replaceChildren(await submissionsList());
  mount(
    h('h1', {}, t('hospital.title')),
    birthForm(() => void refresh()),
    h('h2', {}, t('hospital.list')),
    list,
  );
  await refresh();
}

/** The printable slip for the parents: their link as a QR code, the registration number and the code. */
export async function slipPage(params: URLSearchParams, registrationId: string): Promise<void> {
  const code = params.get('kode') ?? '';
  const link = `${location.origin}${location.pathname}#/ortu?id=${encodeURIComponent(registrationId)}`;
  const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const qr = h('div', { class: 'qr', role: 'img', 'aria-label': link });
  qr.innerHTML = svg; // generated SVG markup from the QR library, not user input
  mount(
    h('p', { class: 'no-print' }, h('a', { href: '#/rs' }, `← ${t('common.back')}`), ' ', h('button', { type: 'button', onclick: () => print() }, t('slip.print'))),
    h(
      'article',
      { class: 'slip' },
      h('h1', {}, t('slip.title')),
      qr,
      h('p', {}, t('slip.text')),
      h('dl', { class: 'facts' }, h('dt', {}, t('parents.id')), h('dd', {}, h('code', {}, registrationId)), h('dt', {}, t('parents.code')), h('dd', {}, h('code', { class: 'big' }, code))),
      h('p', { class: 'small' }, link),
    ),
  );
}
