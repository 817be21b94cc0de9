import { api, ApiError, session } from '../api.js';
import { CORRECTABLE_FIELDS, correctionChanges, displayValue, fieldOfIssue } from '../amendment-form.js';
import type { AmendmentFiled, AmendmentList, AmendmentRequest, AmendmentSummary, ParentRegistrationView, RegistrationView, SearchResult } from '../contract.js';
import { formatDateTime, h, mount } from '../dom.js';
import { requireRole } from '../guard.js';
import { t, tr, type MessageKey } from '../i18n.js';

/**
 * After the akta, the counter and the parents: a registrar files a correction (pembetulan) or a
 * revocation (pembatalan) of a completed registration; parents ask for a misspelt name to be
 * corrected from their page and follow it. A head of office (never whoever filed it) decides, on
 * the head's queue (head-queue.ts).
 */

export const EVIDENCE_TYPES = ['SURAT_KETERANGAN_LAHIR', 'BUKU_NIKAH', 'KARTU_KELUARGA', 'PUTUSAN_PENGADILAN', 'SPTJM'] as const;

const fieldId = (path: string) => `a-${path.replace(/\./g, '-')}`;
const labelOf = (path: string) => t(`field.${path}` as MessageKey);
/** One line: the API refuses line breaks and other control characters in free text (api/requests.ts safeText). */
const oneLine = (text: string) => text.replace(/[\s\p{Cc}\p{Cf}]+/gu, ' ').trim();

/** The amendments of one registration with their status, oldest first (the case's and the parents' view). */
export function amendmentProgress(amendments: readonly AmendmentSummary[] | undefined): HTMLElement | null {
  if (!amendments || amendments.length === 0) return null;
  return h(
    'ul',
    { class: 'amendments' },
    amendments.map((a) =>
      h(
        'li',
        { 'data-amendment-id': a.amendmentId, 'data-status': a.status },
        h('strong', {}, tr('amendment', a.kind)),
        ` · ${formatDateTime(a.requestedAt)}`,
        h('br'),
        h('span', { class: `amendment-status amendment-${a.status.toLowerCase()}` }, tr('amendmentStatus', a.status)),
        a.reissued && a.reissued.length > 0 ? h('br') : null,
        a.reissued && a.reissued.length > 0 ? t('amend.reissued', { docs: a.reissued.map((r) => `${tr('doc', r.type)} (v${r.version})`).join(', ') }) : null,
      ),
    ),
  );
}

/** Writes the API's 400 issues under their fields; anything else (409, 422: a sentence naming the way forward) in the summary. */
function showError(form: HTMLElement, summary: HTMLElement, error: unknown): void {
  summary.className = 'message error';
  summary.setAttribute('role', 'alert');
  if (error instanceof ApiError && error.body.issues && error.body.issues.length > 0) {
    summary.textContent = t('file.fix');
    for (const issue of error.body.issues) {
      const slot = form.querySelector(`#${fieldId(fieldOfIssue(issue.path))}-error`);
      if (slot) slot.textContent = issue.message;
      else summary.textContent = `${t('file.fix')} ${issue.path}: ${issue.message}`;
    }
    return;
  }
  // 422: a correction that would change the NIK; the API's sentence names the way forward, said here in the reader's language.
  if (error instanceof ApiError && (error.status === 422 || error.status === 409)) {
    summary.textContent = t(error.status === 422 ? 'file.nikChange' : 'file.conflict');
    return;
  }
  summary.textContent = error instanceof ApiError && error.body.error ? error.body.error : t('common.error', { message: (error as Error).message });
}

function field(path: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, extra?: HTMLElement | null): HTMLElement {
  const error = h('p', { class: 'field-error', id: `${fieldId(path)}-error` });
  control.id = fieldId(path);
  control.setAttribute('aria-describedby', error.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, path === 'reason' ? t('amend.reason') : labelOf(path)), extra ?? null, control, error);
}

/** #/ubah/{registrationId}: the counter's form (registrars and heads of office). */
export async function fileAmendmentPage(_params: URLSearchParams, registrationId: string): Promise<void> {
  if (!requireRole('registrar')) return;
  mount(h('h1', {}, t('file.title')), h('p', {}, t('common.loading')));
  const path = `/v1/births/${encodeURIComponent(registrationId)}`;
  const [view, found] = await Promise.all([
    api<RegistrationView>(path),
    api<SearchResult>(`/v1/search?q=${encodeURIComponent(registrationId)}`).catch(() => ({ items: [] }) as Pick<SearchResult, 'items'>),
  ]);
  const current = found.items.find((i) => i.registrationId === registrationId);
  const heading = [
    h('p', {}, h('a', { href: `#/kasus/${registrationId}` }, `← ${t('common.back')}`)),
    h('h1', {}, t('file.title')),
    h('p', { class: 'lead' }, t('amend.registration', { id: registrationId }), current ? ` · ${current.childName} · ${current.birthDate}` : ''),
  ];
  const progress = h('section', { class: 'panel', 'aria-labelledby': 'amendments-h' }, h('h2', { id: 'amendments-h' }, t('file.history')), amendmentProgress(view.amendments) ?? h('p', {}, '—'));
  if (view.status !== 'COMPLETED') {
    mount(...heading, h('p', { class: 'note', 'data-status': view.status }, t('file.onlyCompleted'), ` ${t('common.status')}: ${tr('status', view.status)}`), progress);
    return;
  }

  const kindChoice = (kind: AmendmentRequest['kind'], checked: boolean) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'kind', value: kind, checked, onchange: () => syncKind() }), ` ${tr('amendment', kind)}`);
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const correctionFields = h(
    'fieldset',
    { class: 'grid correction-fields' },
    h('legend', {}, t('file.intro')),
    CORRECTABLE_FIELDS.map((f) => {
      const control = f.options
        ? h('select', { name: f.path }, h('option', { value: '' }, '—'), f.options.map((o) => h('option', { value: o }, tr('sex', o))))
        : h('input', { name: f.path, type: f.type ?? 'text', autocomplete: 'off', ...(f.inputmode ? { inputmode: f.inputmode } : {}), ...(f.type === 'number' ? { step: 'any' } : {}) });
      inputs.set(f.path, control);
      const now = f.path === 'child.name' && current ? h('span', { class: 'current' }, t('file.current', { value: current.childName })) : null;
      return field(f.path, control, now);
    }),
  );
  const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 1000, required: true });
  const evidenceType = h('select', { id: 'a-evidence-type', name: 'evidenceType' }, h('option', { value: '' }, t('file.evidenceNone')), EVIDENCE_TYPES.map((e) => h('option', { value: e }, tr('evidence', e))));
  const evidenceRef = h('input', { id: 'a-evidence-ref', name: 'evidenceRef', autocomplete: 'off', maxlength: 100 });
  const summary = h('p', { id: 'amend-summary', class: 'message', role: 'status' });
  const form = h(
    'form',
    { class: 'amend-form', novalidate: true },
    h('fieldset', { class: 'kinds' }, h('legend', {}, t('file.kind')), kindChoice('CORRECTION', true), kindChoice('REVOCATION', false)),
    h('p', { class: 'note revocation-note', hidden: true }, t('amend.revocationNote')),
    correctionFields,
    field('reason', reason),
    h(
      'div',
      { class: 'field' },
      h('label', { for: evidenceType.id }, t('file.evidenceType')),
      evidenceType,
      h('label', { for: evidenceRef.id }, t('file.evidenceRef')),
      evidenceRef,
      h('p', { class: 'field-error', id: 'a-evidence-error' }),
    ),
    h('button', { type: 'submit', class: 'primary' }, t('file.submit')),
    summary,
  );
  const kindOf = () => ((form.querySelector('input[name=kind]:checked') as HTMLInputElement | null)?.value ?? 'CORRECTION') as AmendmentRequest['kind'];
  function syncKind(): void {
    const revocation = kindOf() === 'REVOCATION';
    correctionFields.hidden = revocation;
    (form.querySelector('.revocation-note') as HTMLElement).hidden = !revocation;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    const kind = kindOf();
    const changes = kind === 'CORRECTION' ? correctionChanges(Object.fromEntries([...inputs].map(([p, el]) => [p, el.value]))) : undefined;
    if (kind === 'CORRECTION' && !changes) {
      summary.className = 'message error';
      summary.textContent = t('file.nothing');
      return;
    }
    const evidence = evidenceType.value ? [{ type: evidenceType.value, reference: oneLine(evidenceRef.value) }] : undefined;
    const body: AmendmentRequest = { kind, reason: oneLine(reason.value), ...(changes ? { changes } : {}), ...(evidence ? { evidence } : {}) };
    void api<AmendmentFiled>(`${path}/amendments`, { method: 'POST', body })
      .then(async (filed) => {
        summary.className = 'message ok';
        summary.dataset['amendmentId'] = filed.amendmentId;
        summary.textContent = t('file.sent', { id: filed.amendmentId });
        const fresh = await api<RegistrationView>(path);
        progress.replaceChildren(h('h2', { id: 'amendments-h' }, t('file.history')), amendmentProgress(fresh.amendments) ?? h('p', {}, '—'));
      })
      .catch((error: unknown) => showError(form, summary, error));
  });
  mount(...heading, h('section', { class: 'panel' }, form), progress);
}

/** The case page's block (registrar.ts): the registration's amendments and, once completed, the way to the counter's form. */
export function caseAmendments(view: RegistrationView): HTMLElement[] {
  const progress = amendmentProgress(view.amendments);
  return [
    ...(progress ? [h('h3', {}, t('file.history')), progress] : []),
    ...(view.status === 'COMPLETED' ? [h('p', {}, h('a', { href: `#/ubah/${view.registrationId}`, class: 'button' }, t('file.open')))] : []),
  ];
}

/** #/perubahan: a registrar's own requests still waiting (GET /v1/amendments answers a registrar with those). */
export async function myAmendmentsPage(): Promise<void> {
  if (!requireRole('registrar')) return;
  if (session()?.headOfOffice) {
    location.hash = '#/kepala';
    return;
  }
  mount(h('h1', {}, t('mine.title')), h('p', {}, t('common.loading')));
  const { items } = await api<AmendmentList>('/v1/amendments?status=PENDING');
  mount(
    h('h1', {}, t('mine.title')),
    items.length === 0
      ? h('p', {}, t('mine.empty'))
      : h(
          'ul',
          { class: 'amendments' },
          items.map((a) =>
            h(
              'li',
              { 'data-amendment-id': a.amendmentId },
              h('strong', {}, tr('amendment', a.kind)),
              ' · ',
              h('a', { href: `#/ubah/${a.registrationId}` }, a.registrationId),
              h('br'),
              `${formatDateTime(a.requestedAt)} · ${tr('amendmentStatus', a.status)}`,
            ),
          ),
        ),
  );
}

/**
 * The parents' block (parents.ts, a COMPLETED or REVOKED registration): their requests with their
 * progress and, while none is open, a form for the one correction parents ask for most: a misspelt
 * name. Other corrections and revocations are filed at the counter.
 */
export function parentAmendments(view: ParentRegistrationView, registrationId: string, accessCode: string, refresh: () => void): HTMLElement {
  const progress = amendmentProgress(view.amendments);
  const open = (view.amendments ?? []).some((a) => a.status === 'PENDING' || a.status === 'APPROVED');
  const section = h('section', { class: 'panel parents-fix', 'aria-labelledby': 'fix-h' });
  if (progress) section.append(h('h2', { id: 'fix-h' }, t('parentsFix.progress')), progress);
  if (view.status !== 'COMPLETED' || open) return section;
  const name = h('input', { name: 'name', autocomplete: 'off', maxlength: 60, required: true });
  const note = h('textarea', { name: 'reason', rows: 2, maxlength: 1000, required: true });
  const summary = h('p', { class: 'message', role: 'status' });
  const form = h(
    'form',
    { class: 'parents-fix-form', novalidate: true },
    field('child.name', name),
    field('reason', note),
    h('button', { type: 'submit', class: 'primary' }, t('parentsFix.submit')),
    summary,
  );
  (form.querySelector(`label[for=${fieldId('child.name')}]`) as HTMLElement).textContent = t('parentsFix.name');
  (form.querySelector(`label[for=${fieldId('reason')}]`) as HTMLElement).textContent = t('parentsFix.reason');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
    const body: AmendmentRequest = { kind: 'CORRECTION', changes: { child: { name: oneLine(name.value) } }, reason: oneLine(note.value) };
    void api<AmendmentFiled>(`/v1/births/${encodeURIComponent(registrationId)}/amendments`, { method: 'POST', body, accessCode })
      .then(() => {
        summary.className = 'message ok';
        summary.textContent = t('parentsFix.sent');
        setTimeout(refresh, 600);
      })
      .catch((error: unknown) => showError(form, summary, error));
  });
  if (!progress) section.append(h('h2', { id: 'fix-h' }, t('parentsFix.title')));
  else section.append(h('h3', {}, t('parentsFix.title')));
  section.append(h('p', {}, t('parentsFix.intro')), form);
  return section;
}

/** A value of the side-by-side table, in the reader's words (a sex as "Perempuan", a time in WIB). */
export function shownValue(path: string, value: unknown): string {
  if (path === 'child.sex' && typeof value === 'string') return tr('sex', value);
  return displayValue(path, value, formatDateTime);
}
