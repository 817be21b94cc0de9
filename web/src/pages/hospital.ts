import QRCode from 'qrcode';
import { api, ApiError, errorText, session, SessionExpiredError } from '../api.js';
import { checkBirth, notificationBody, valuesOf, type FormValues } from '../birth-rules.js';
import { formatDateTime, h, mount, mounter } from '../dom.js';
import type { SubmissionList, SubmitResponse } from '../contract.js';
import { errorSummary, showSummary, type ShownError } from '../forms.js';
import { currentLang, t, tr, type MessageKey } from '../i18n.js';
import { requireRole } from '../guard.js';
import { issueText, type ApiIssue } from '../messages.js';
import { enqueue, flush, queued } from '../outbox.js';
import { deleteDraft, loadDraft, saveDraft, loadSent, saveSent } from '../store.js';

/**
 * Facilities without their own system: the notification form (sections bayi, ibu, ayah, persalinan,
 * as form F-2.01 orders them) and their own submissions. What is typed is kept on the device as a
 * draft (IndexedDB) at every keystroke, so a reload or an expired session loses nothing.
 */
interface Field {
  readonly path: string;
  readonly type?: string;
  readonly options?: readonly string[];
  readonly prefix?: string;
  readonly inputmode?: string;
  readonly optional?: boolean;
  readonly hint?: boolean;
  readonly autocomplete?: string;
  /** Shown only when the `multiple` choice is yes. */
  readonly twins?: boolean;
}
const SECTIONS: readonly { readonly title: MessageKey; readonly fields: readonly Field[] }[] = [
  {
    title: 'section.child',
    fields: [
      { path: 'child.name', hint: true },
      { path: 'child.sex', options: ['FEMALE', 'MALE'], prefix: 'sex' },
      { path: 'child.birthDateTime', type: 'datetime-local', hint: true },
      { path: 'child.birthPlace', optional: true, hint: true },
      { path: 'child.birthOrder', type: 'number', inputmode: 'numeric', hint: true },
      { path: 'multiple', options: ['no', 'yes'], prefix: 'multiple' },
      { path: 'child.multipleBirth.count', type: 'number', inputmode: 'numeric', twins: true },
      { path: 'child.multipleBirth.order', type: 'number', inputmode: 'numeric', twins: true },
      { path: 'child.weightGrams', type: 'number', inputmode: 'numeric', hint: true },
      { path: 'child.lengthCm', inputmode: 'decimal', hint: true },
    ],
  },
  {
    title: 'section.mother',
    fields: [
      { path: 'mother.nik', inputmode: 'numeric', hint: true },
      { path: 'familyCardNumber', inputmode: 'numeric', hint: true },
      { path: 'contactPhone', type: 'tel', hint: true, autocomplete: 'tel' },
    ],
  },
  {
    title: 'section.father',
    fields: [
      { path: 'father.nik', inputmode: 'numeric', optional: true, hint: true },
      { path: 'marriageCertificateNumber', optional: true, hint: true },
    ],
  },
  {
    title: 'section.birth',
    fields: [
      { path: 'notificationId', hint: true },
      { path: 'attendant.type', options: ['MIDWIFE', 'DOCTOR', 'NURSE', 'OTHER'], prefix: 'attendant' },
      { path: 'attendant.name' },
    ],
  },
];
const FIELDS = SECTIONS.flatMap((s) => s.fields);
const OFFSETS = [
  ['+07:00', 'WIB (UTC+7)'],
  ['+08:00', 'WITA (UTC+8)'],
  ['+09:00', 'WIT (UTC+9)'],
] as const;

const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`;
const labelKey = (path: string) => `field.${path}` as MessageKey;
/** The field an API issue belongs to (`child.multipleBirth.order` → its own field; `child` → none). */
const fieldOf = (path: string) => FIELDS.find((f) => path === f.path || path.startsWith(`${f.path}.`));
const draftKey = () => `hospital:${session()?.name ?? ''}`;

function valuesOfForm(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) values[name] = String(value);
  return values;
}

function fillForm(form: HTMLFormElement, values: FormValues): void {
  for (const [name, value] of Object.entries(values)) {
    const controls = form.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[name="${CSS.escape(name)}"]`);
    for (const control of controls) {
      if (control instanceof HTMLInputElement && control.type === 'radio') control.checked = control.value === value;
      else control.value = value;
    }
  }
}

function control(field: Field): HTMLElement {
  const id = fieldId(field.path);
  const label = [t(labelKey(field.path)), ' ', h('span', { class: 'mark' }, t(field.optional ? 'form.optional' : 'form.required'))];
  const hint = field.hint ? h('p', { class: 'hint', id: `${id}-hint` }, t(`hint.${field.path}` as MessageKey)) : null;
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  const describedBy = [hint ? `${id}-hint` : '', error.id].filter(Boolean).join(' ');
  if (field.options) {
    // Radios, none chosen: the form never answers for the midwife.
    return h(
      'fieldset',
      { class: 'field choice', id: `${id}-group`, 'aria-describedby': describedBy },
      h('legend', {}, label),
      hint,
      error,
      h(
        'div',
        { class: 'radios' },
        field.options.map((o) =>
          h('label', { class: 'radio', for: `${id}-${o}` }, h('input', { type: 'radio', id: `${id}-${o}`, name: field.path, value: o, required: !field.optional }), ' ', tr(field.prefix ?? '', o)),
        ),
      ),
    );
  }
  const input = h('input', {
    id,
    name: field.path,
    type: field.type ?? 'text',
    inputmode: field.inputmode,
    autocomplete: field.autocomplete ?? 'off',
    required: !field.optional,
    'aria-describedby': describedBy,
  });
  const extra =
    field.path === 'child.birthDateTime'
      ? [h('label', { for: 'f-offset' }, t('field.offset')), h('select', { id: 'f-offset', name: 'offset' }, OFFSETS.map(([v, l]) => h('option', { value: v }, l)))]
      : [];
  return h('div', { class: `field${field.twins ? ' twins' : ''}` }, h('label', { for: id }, label), hint, error, input, ...extra);
}

/** The id of the control a summary link focuses: a radio group's first radio. */
const focusId = (field: Field) => (field.options ? `${fieldId(field.path)}-${field.options[0]}` : fieldId(field.path));

function birthForm(onSent: (sent: SubmitResponse, body: Record<string, unknown>) => void, onQueued: (body: Record<string, unknown>) => void, prefill?: FormValues): HTMLElement {
  const summarySlot = h('div', { id: 'form-summary' });
  const form = h(
    'form',
    { novalidate: true, class: 'birth-form' },
    SECTIONS.map((section) => h('fieldset', { class: 'section' }, h('legend', {}, h('h2', {}, t(section.title))), h('div', { class: 'grid' }, section.fields.map(control)))),
    h('button', { type: 'submit', class: 'primary' }, t('hospital.submit')),
  );
  const showTwins = () => {
    const twins = valuesOfForm(form)['multiple'] === 'yes';
    for (const el of form.querySelectorAll<HTMLElement>('.twins')) el.hidden = !twins;
  };
  const key = draftKey();
  form.addEventListener('input', () => {
    showTwins();
    void saveDraft(key, valuesOfForm(form));
  });
  if (prefill) {
    fillForm(form, prefill);
    void saveDraft(key, valuesOfForm(form));
  } else {
    void loadDraft(key).then((draft) => {
      if (draft) fillForm(form, draft);
      showTwins();
    });
  }
  showTwins();

  const clearErrors = () => {
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of form.querySelectorAll('.has-error')) el.classList.remove('has-error');
  };
  /** Each issue at its field and in the summary, in the form's order; issues of no field in the summary only. */
  const showIssues = (issues: readonly ApiIssue[], answeredIn?: string) => {
    clearErrors();
    const shown: ShownError[] = [];
    const general: string[] = [];
    const lang = currentLang();
    for (const field of FIELDS) {
      const mine = issues.filter((i) => fieldOf(i.path) === field);
      if (mine.length === 0) continue;
      const text = [...new Set(mine.map((i) => issueText(i, lang, answeredIn)))].join(' ');
      const slot = form.querySelector(`#${fieldId(field.path).replace(/\./g, '\\.')}-error`);
      if (slot) slot.textContent = text;
      const wrapper = form.querySelector(`#${fieldId(field.path)}`)?.closest('.field') ?? form.querySelector(`#${fieldId(field.path)}-group`);
      wrapper?.classList.add('has-error');
      for (const el of field.options ? form.querySelectorAll(`[name="${field.path}"]`) : [form.querySelector(`#${fieldId(field.path)}`)]) el?.setAttribute('aria-invalid', 'true');
      shown.push({ fieldId: focusId(field), label: t(labelKey(field.path)), text });
    }
    for (const issue of issues) if (!fieldOf(issue.path)) general.push(issueText(issue, lang, answeredIn));
    showSummary(summarySlot, errorSummary(shown, general));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = valuesOfForm(form);
    const local = checkBirth(values);
    if (local.length > 0) return showIssues(local);
    const body = notificationBody(values);
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    button.disabled = true;
    api<SubmitResponse>('/v1/births', { method: 'POST', body })
      .then((sent) => {
        void deleteDraft(key);
        onSent(sent, body);
      })
      .catch((error: unknown) => {
        if (error instanceof SessionExpiredError) return;
        if (error instanceof ApiError && error.status === 0) {
          // No signal: into the outbox, sent by itself when the connection returns.
          void enqueue(key, body).then(() => deleteDraft(key)).then(() => onQueued(body));
          return;
        }
        if (error instanceof ApiError && error.body.issues) return showIssues(error.body.issues, error.language);
        if (error instanceof ApiError && error.status === 409) return showIssues([{ path: 'notificationId', code: 'NOTIFICATION_ID_USED', message: '' }]);
        showSummary(summarySlot, errorSummary([], [errorText(error)]));
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return h('div', {}, summarySlot, form);
}

/** The panel that stays after a send: what was sent, the parents' code, the slip; the next birth only on request. */
function sentPanel(sent: SubmitResponse, name: string, onNext: () => void): HTMLElement {
  const panel = h(
    'section',
    { class: 'success-panel', tabindex: -1, 'aria-labelledby': 'sent-title', id: 'sent-panel' },
    h('h2', { id: 'sent-title' }, t('sent.title')),
    h('p', {}, t('sent.body', { name, id: sent.registrationId })),
    h('p', {}, `${t('sent.code')}: `, h('code', { class: 'code', 'data-access-code': sent.accessCode }, sent.accessCode)),
    h(
      'p',
      {},
      h('a', { class: 'button', href: `#/slip/${sent.registrationId}?kode=${encodeURIComponent(sent.accessCode)}` }, t('hospital.slip')),
      ' ',
      h('button', { type: 'button', class: 'primary', onclick: onNext }, t('sent.another')),
    ),
  );
  return panel;
}

async function submissionsList(onResubmit: (registrationId: string, fallback: FormValues) => void): Promise<HTMLElement> {
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
        h('span', { class: `badge status-${item.status.toLowerCase()}` }, tr('statusLabel', item.status)),
        ' ',
        tr('status', item.status),
        item.rejection ? h('p', { class: 'reason' }, `${t('hospital.reason')}: ${item.rejection.reason}`) : null,
        item.status === 'REJECTED'
          ? h(
              'button',
              {
                type: 'button',
                class: 'resubmit',
                onclick: () => onResubmit(item.registrationId, { 'child.name': item.child.name, 'child.sex': item.child.sex, ...valuesOf({ child: { birthDateTime: item.child.birthDateTime } }) }),
              },
              t('hospital.resubmit'),
            )
          : null,
        // The code is shown for 24 hours after intake only (a registrar re-issues a lost one).
        item.accessCode
          ? h('p', {}, `${t('hospital.code')}: `, h('code', { class: 'code' }, item.accessCode), ' · ', h('a', { href: `#/slip/${item.registrationId}?kode=${encodeURIComponent(item.accessCode)}` }, t('hospital.slip')))
          : null,
      ),
    ),
  );
}

/** Facilities without their own system: the notification form and their own submissions. */
export async function hospitalPage(): Promise<void> {
  if (!requireRole('hospital')) return;
  const list = h('div', { id: 'submissions' }, t('common.loading'));
  const area = h('div', { id: 'form-area' });
  const refresh = async () => {
    try {
      list.replaceChildren(await submissionsList(resubmit));
    } catch (error) {
      if (!(error instanceof SessionExpiredError)) list.replaceChildren(h('p', { class: 'message error' }, errorText(error)));
    }
  };
  const showForm = (prefill?: FormValues, note?: string) => {
    area.replaceChildren(...(note ? [h('p', { class: 'note' }, note)] : []), birthForm(sent, waiting, prefill));
  };
  const owner = draftKey();
  const outbox = h('section', { id: 'outbox', 'aria-live': 'polite' });
  const showOutbox = async () => {
    const entries = await queued(owner);
    outbox.replaceChildren(
      ...(entries.length === 0
        ? []
        : [
            h('h2', {}, t('outbox.title')),
            h('p', { class: 'notice' }, t('outbox.waiting')),
            h('ul', { class: 'submissions' }, entries.map((e) => h('li', { 'data-notification-id': e.notificationId }, h('strong', {}, String((e.body['child'] as Record<string, unknown>)['name'] ?? '')), ` · ${e.notificationId} · ${t('outbox.queuedAt')} ${formatDateTime(e.queuedAt)}`))),
          ]),
    );
  };
  const send = () =>
    flush(
      owner,
      (entry, response) => {
        void showOutbox();
        void refresh();
        area.prepend(h('p', { class: 'message ok', role: 'status' }, t('outbox.sent', { name: String((entry.body['child'] as Record<string, unknown>)['name'] ?? ''), code: response.accessCode })));
      },
      (entry) => {
        void showOutbox();
        showForm(valuesOf(entry.body), t('outbox.refused'));
      },
    ).then(showOutbox);
  const waiting = (body: Record<string, unknown>) => {
    const panel = h(
      'section',
      { class: 'notice-panel', tabindex: -1, id: 'queued-panel', 'aria-labelledby': 'queued-title' },
      h('h2', { id: 'queued-title' }, t('outbox.queuedTitle')),
      h('p', {}, t('outbox.queuedBody', { name: String((body['child'] as Record<string, unknown>)['name'] ?? '') })),
      h('button', { type: 'button', class: 'primary', onclick: () => showForm() }, t('sent.another')),
    );
    area.replaceChildren(panel);
    panel.focus();
    void showOutbox();
  };
  const shownAt = location.hash;
  const online = () => {
    if (location.hash === shownAt) void send();
    else window.removeEventListener('online', online);
  };
  window.addEventListener('online', online);
  const retry = setInterval(() => {
    if (location.hash !== shownAt) return clearInterval(retry);
    if (navigator.onLine) void queued(owner).then((e) => (e.length > 0 ? send() : undefined));
  }, 30_000);
  const sent = (response: SubmitResponse, body: Record<string, unknown>) => {
    void saveSent(response.registrationId, body);
    const panel = sentPanel(response, String((body['child'] as Record<string, unknown>)['name']), () => {
      showForm();
      area.querySelector<HTMLElement>('input')?.focus();
    });
    area.replaceChildren(panel);
    panel.scrollIntoView({ block: 'start' });
    panel.focus();
    void refresh();
  };
  function resubmit(registrationId: string, fallback: FormValues): void {
    void loadSent(registrationId).then((body) => {
      showForm(body ? valuesOf(body) : fallback, t('hospital.resubmitNote'));
      area.scrollIntoView({ block: 'start' });
      area.querySelector<HTMLElement>('#f-notificationId')?.focus();
    });
  }
  showForm();
  mount(h('h1', {}, t('hospital.title')), outbox, area, h('h2', {}, t('hospital.list')), list);
  await showOutbox();
  void send();
  await refresh();
}

/** The printable slip for the parents: the child, the birth date, the hospital, the link as a QR code and the code on one line. */
export async function slipPage(params: URLSearchParams, registrationId: string): Promise<void> {
  const show = mounter();
  const code = params.get('kode') ?? '';
  const link = `${location.origin}${location.pathname}#/ortu?id=${encodeURIComponent(registrationId)}`;
  const svg = await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const qr = h('div', { class: 'qr', role: 'img', 'aria-label': t('slip.title') });
  qr.innerHTML = svg; // generated SVG markup from the QR library, not user input
  let child: SubmissionList['items'][number] | undefined;
  if (session()?.role === 'hospital') {
    child = (await api<SubmissionList>('/v1/births?limit=100').catch(() => ({ items: [] }) as Pick<SubmissionList, 'items'>)).items.find((i) => i.registrationId === registrationId);
  }
  const born = child ? new Date(child.child.birthDateTime).toLocaleDateString(currentLang() === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }) : undefined;
  const facts: [MessageKey, HTMLElement | string][] = [
    ...(child ? ([['slip.child', child.child.name], ['slip.born', born ?? '']] as [MessageKey, string][]) : []),
    ['slip.hospital', session()?.name ?? ''],
    ['parents.id', h('code', { class: 'small' }, registrationId)],
    ['parents.code', h('code', { class: 'big code' }, code)],
  ];
  show(
    h('p', { class: 'no-print' }, h('a', { href: '#/rs' }, `← ${t('common.back')}`), ' ', h('button', { type: 'button', onclick: () => print() }, t('slip.print'))),
    h(
      'article',
      { class: 'slip' },
      h('h1', {}, t('slip.title')),
      h('dl', { class: 'facts' }, facts.filter(([, v]) => v !== '').flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, v)])),
      qr,
      h('p', {}, t('slip.text')),
      h('p', { class: 'small' }, link),
    ),
  );
}
