import { api, apiBlob, ApiError, consoleConfig, errorText, facilityName, SessionExpiredError } from '../api.js';
import { formatDateTime, h, mounter, redraw } from '../dom.js';
import { requireRole } from '../guard.js';
import type { Check, Decision, DecisionResponse, DocumentList, RegistrationView, RejectionReasonCode } from '../contract.js';
import { currentLang, t, tr, type MessageKey } from '../i18n.js';
import { searchForm } from './office.js';
import { caseAmendments } from './amendments.js';
import { lateDecision } from './head-queue.js';

/**
 * The registrars' work: the queue (paged, with its total, filters and a name search), one case on a
 * page of its own (GET /v1/births/{id}: registrars get its `notification`), and the cases that need
 * follow-up. The queue's list view carries only what the list shows. An API without server-side
 * filters (no `total`) gets them applied to the page shown, with a note.
 */

/** A queue row as either API shape has it: only what the list shows. */
interface QueueItem {
  readonly registrationId: string;
  readonly facilityId: string;
  readonly waitingMinutes: number;
  readonly overdue: boolean;
  readonly escalated: boolean;
  readonly child: { readonly name: string; readonly birthDateTime: string };
  readonly mother?: { readonly name?: string };
  readonly checks: readonly { readonly code: string; readonly severity: string }[];
  readonly decidableBy?: string;
}
interface QueuePage {
  readonly items: readonly QueueItem[];
  readonly total?: number;
  readonly nextCursor?: string;
}
/** The notification as the case page shows it: GET /v1/births/{id}'s `notification` (registrars only). */
interface CaseData {
  readonly child: { readonly name: string; readonly sex: string; readonly birthDateTime: string; readonly birthPlace?: string; readonly birthOrder?: number; readonly weightGrams: number; readonly lengthCm: number; readonly multipleBirth?: { count: number; order: number } };
  readonly mother: { readonly nik: string; readonly name?: string };
  readonly father?: { readonly nik: string };
  readonly familyCardNumber: string;
  readonly marriageCertificateNumber?: string;
  readonly attendant: { readonly type: string; readonly name: string };
}
type CaseView = Omit<RegistrationView, 'checks'> & {
  readonly notification?: CaseData;
  readonly approval?: { readonly requestedAt: string; readonly waitingMinutes: number; readonly overdue: boolean; readonly escalated: boolean; readonly decidableBy?: string };
  readonly facilityId: string;
  readonly checks: readonly (Check & { readonly relatedRegistrationIds?: readonly string[] })[];
};

const PAGE_SIZE = 50;
const waited = (minutes: number) => t('duration.hm', { h: Math.floor(minutes / 60), m: minutes % 60 });
const lang = () => currentLang();
/** The check codes a pending case can carry (ERROR findings reject before the queue). */
const QUEUE_CHECKS = ['POSSIBLE_DUPLICATE', 'LATE_REGISTRATION', 'MOTHER_AGE_IMPLAUSIBLE', 'FATHER_NOT_FOUND', 'NAME_SINGLE_WORD', 'MULTIPLE_BIRTH_INCONSISTENT', 'NO_MARRIAGE_RECORD', 'MARRIAGE_NOT_RECORDED', 'FAMILY_CARD_FROM_REGISTRY'] as const;
const FILTERS = ['facility', 'check', 'overdue', 'decidableBy', 'q'] as const;

/** Whether the API filters the queue itself (it answers `total`); unknown until the first answer. */
let serverFilters: boolean | undefined;
/** Cursors of the pages seen, per filter set: page n+1's cursor at index n. */
const cursors = new Map<string, string[]>();

function checkList(checks: CaseView['checks']): HTMLElement {
  if (checks.length === 0) return h('p', {}, t('case.noChecks'));
  return h(
    'ul',
    { class: 'checks' },
    checks.map((c) =>
      h(
        'li',
        { class: `sev-${c.severity.toLowerCase()}`, 'data-code': c.code },
        h('strong', {}, `${tr('severity', c.severity)} · ${tr('check', c.code, 'issue.INVALID')}`),
        ' ',
        c.message[lang()],
        ...(c.relatedRegistrationIds ?? []).map((id) => [' ', h('a', { href: `#/kasus/${id}`, class: 'related' }, t('case.related'))]),
      ),
    ),
  );
}

function filtersOf(params: URLSearchParams): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const name of FILTERS) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** Today's API: the filters applied to the page that came back. */
function filterHere(items: readonly QueueItem[], filters: Record<string, string>): QueueItem[] {
  const q = filters['q']?.toLocaleLowerCase('id');
  return items.filter(
    (i) =>
      (!filters['facility'] || i.facilityId === filters['facility']) &&
      (!filters['check'] || i.checks.some((c) => c.code === filters['check'])) &&
      (!filters['overdue'] || String(i.overdue) === filters['overdue']) &&
      (!q || i.child.name.toLocaleLowerCase('id').includes(q) || (i.mother?.name ?? '').toLocaleLowerCase('id').includes(q)),
  );
}

async function loadQueue(filters: Record<string, string>, cursor: string | undefined, limit = PAGE_SIZE): Promise<{ page: QueuePage; local: boolean }> {
  const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  const filtered = Object.keys(filters).length > 0;
  if (serverFilters !== false) for (const [k, v] of Object.entries(filters)) query.set(k, v);
  try {
    const page = await api<QueuePage>(`/v1/approvals?${query}`);
    serverFilters = page.total !== undefined;
    if (!serverFilters && filtered) return { page: { ...page, items: filterHere(page.items, filters) }, local: true };
    return { page, local: false };
  } catch (error) {
    // Today's API refuses query parameters it does not know: ask again without them, filter here.
    if (error instanceof ApiError && error.status === 400 && filtered && serverFilters !== false) {
      serverFilters = false;
      return loadQueue(filters, cursor, limit);
    }
    throw error;
  }
}

function filterForm(filters: Record<string, string>): HTMLFormElement {
  const select = (name: string, label: MessageKey, options: [string, string][]) =>
    h(
      'div',
      { class: 'filter' },
      h('label', { for: `filter-${name}` }, t(label)),
      h('select', { id: `filter-${name}`, name }, h('option', { value: '' }, t('filter.all')), options.map(([v, l]) => h('option', { value: v, selected: filters[name] === v }, l))),
    );
  const form = h(
    'form',
    {
      class: 'filters',
      'aria-labelledby': 'filters-h',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const data = new FormData(event.target as HTMLFormElement);
        const query = new URLSearchParams();
        for (const name of FILTERS) {
          const value = String(data.get(name) ?? '').trim();
          if (value) query.set(name, value);
        }
        location.hash = `#/antrean${query.size ? `?${query}` : ''}`;
      },
    },
    h('h2', { id: 'filters-h' }, t('filter.title')),
    h('div', { class: 'filter' }, h('label', { for: 'filter-q' }, t('filter.q')), h('input', { id: 'filter-q', name: 'q', type: 'search', value: filters['q'] ?? '', autocomplete: 'off', maxlength: 60 })),
    select('facility', 'filter.facility', (consoleConfig().hospitals ?? []).map((f) => [f.facilityId, f.name])),
    select('check', 'filter.check', QUEUE_CHECKS.map((c) => [c, t(`check.${c}`)])),
    select('decidableBy', 'filter.decider', [['REGISTRAR', t('decider.registrar')], ['HEAD_OF_OFFICE', t('decider.head')]]),
    h(
      'div',
      { class: 'filter check' },
      h('label', { class: 'radio', for: 'filter-overdue' }, h('input', { type: 'checkbox', id: 'filter-overdue', name: 'overdue', value: 'true', checked: filters['overdue'] === 'true' }), ' ', t('filter.overdue')),
    ),
    h('div', { class: 'filter actions' }, h('button', { type: 'submit', class: 'primary' }, t('filter.apply')), ' ', h('a', { href: '#/antrean' }, t('filter.clear'))),
  );
  return form;
}

/** The queue of pending decisions, oldest first, a page at a time with the total, filtered and searchable. */
export async function queuePage(params: URLSearchParams): Promise<void> {
  if (!requireRole('registrar')) return;
  const show = mounter();
  const filters = filtersOf(params);
  const key = new URLSearchParams(filters).toString();
  const pageNo = Math.max(1, Number(params.get('halaman') ?? 1) || 1);
  const chain = cursors.get(key) ?? [];
  // A page whose cursor this tab never saw (a reload on page 3) starts again at page 1.
  const at = pageNo > 1 && chain[pageNo - 2] === undefined ? 1 : pageNo;
  show(h('h1', {}, t('queue.title')), h('p', {}, t('common.loading')));
  const { page, local } = await loadQueue(filters, at > 1 ? chain[at - 2] : undefined);
  if (page.nextCursor) {
    chain[at - 1] = page.nextCursor;
    cursors.set(key, chain);
  }
  const from = page.items.length === 0 ? 0 : (at - 1) * PAGE_SIZE + 1;
  const to = (at - 1) * PAGE_SIZE + page.items.length;
  const count =
    page.total !== undefined ? t('queue.shown', { from, to, total: page.total }) : page.nextCursor ? t('queue.shownOpen', { from, to }) : t('queue.shownAll', { from, to });
  const link = (n: number) => {
    const q = new URLSearchParams(filters);
    if (n > 1) q.set('halaman', String(n));
    return `#/antrean${q.size ? `?${q}` : ''}`;
  };
  const rows = page.items.map((item) =>
    h(
      'tr',
      { class: item.overdue ? 'overdue' : undefined, 'data-registration-id': item.registrationId },
      h('td', {}, h('a', { href: `#/kasus/${item.registrationId}` }, item.child.name), item.mother?.name ? h('div', { class: 'sub' }, `${t('queue.mother')}: ${item.mother.name}`) : null),
      h('td', {}, formatDateTime(item.child.birthDateTime)),
      h('td', {}, facilityName(item.facilityId)),
      h(
        'td',
        {},
        waited(item.waitingMinutes),
        item.overdue ? h('span', { class: 'badge danger' }, t('queue.overdue')) : null,
        item.escalated ? h('span', { class: 'badge' }, t('queue.escalated')) : null,
      ),
      h('td', {}, item.checks.map((c) => h('span', { class: `badge sev-${c.severity.toLowerCase()}`, 'data-code': c.code }, tr('check', c.code, 'issue.INVALID')))),
    ),
  );
  show(
    searchForm(),
    h('h1', {}, t('queue.title')),
    h('p', {}, h('a', { href: '#/tindak-lanjut' }, t('followup.title'))),
    filterForm(filters),
    local ? h('p', { class: 'note' }, t('filter.localOnly')) : null,
    h('p', { class: 'count', role: 'status', id: 'queue-count' }, count),
    page.items.length === 0
      ? h('p', {}, Object.keys(filters).length ? t('queue.noMatch') : t('queue.empty'))
      : h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'queue' },
            h('thead', {}, h('tr', {}, ...(['queue.child', 'queue.born', 'queue.facility', 'queue.waiting', 'queue.checks'] as MessageKey[]).map((k) => h('th', { scope: 'col' }, t(k))))),
            h('tbody', {}, rows),
          ),
        ),
    h(
      'nav',
      { class: 'pager', 'aria-label': t('queue.pager') },
      at > 1 ? h('a', { href: link(at - 1), rel: 'prev' }, t('queue.prev')) : null,
      page.nextCursor ? h('a', { href: link(at + 1), rel: 'next' }, t('queue.next')) : null,
    ),
  );
}

/** The reasons offered, in this order: every code the API accepts (a code added there is a type error here until listed). */
const REJECT_REASONS = Object.keys({
  DATA_MISMATCH: 1,
  DUPLICATE: 2,
  DOCUMENTS_MISSING: 3,
  OUT_OF_AREA: 4,
  OTHER: 5,
} satisfies Record<RejectionReasonCode, number>) as RejectionReasonCode[];
/** Each code's message (`reason.<code>`): a code without one is a type error. */
const reasonKey = (code: RejectionReasonCode): MessageKey => `reason.${code}`;

/** The next case to open after a decision: the oldest pending one other than this. */
async function nextCase(registrationId: string): Promise<QueueItem | undefined> {
  const { page } = await loadQueue({}, undefined, 3);
  return page.items.find((i) => i.registrationId !== registrationId);
}

function notificationFacts(data: CaseData, facilityId: string): HTMLElement {
  const rows: [MessageKey, string | number][] = [
    ['field.child.name', data.child.name],
    ['field.child.sex', tr('sex', data.child.sex)],
    ['field.child.birthDateTime', formatDateTime(data.child.birthDateTime)],
    ['field.child.birthPlace', data.child.birthPlace ?? '—'],
    ...(data.child.birthOrder !== undefined ? ([['field.child.birthOrder', data.child.birthOrder]] as [MessageKey, number][]) : []),
    ...(data.child.multipleBirth ? ([['field.child.multipleBirth.order', `${data.child.multipleBirth.order} / ${data.child.multipleBirth.count}`]] as [MessageKey, string][]) : []),
    ['field.child.weightGrams', data.child.weightGrams],
    ['field.child.lengthCm', data.child.lengthCm],
    ...(data.mother.name ? ([['case.mother', data.mother.name]] as [MessageKey, string][]) : []),
    ['field.mother.nik', data.mother.nik],
    ['field.father.nik', data.father?.nik ?? '—'],
    ['field.familyCardNumber', data.familyCardNumber],
    ['field.marriageCertificateNumber', data.marriageCertificateNumber ?? '—'],
    ['field.attendant.name', `${data.attendant.name} (${tr('attendant', data.attendant.type)})`],
    ['queue.facility', facilityName(facilityId)],
  ];
  return h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, String(v))]));
}

/** One case: the notification, the registry checks and the draft documents side by side; approve (after a confirmation) or reject. */
export async function casePage(_params: URLSearchParams, registrationId: string): Promise<void> {
  if (!requireRole('registrar')) return;
  const show = mounter();
  const hash = location.hash;
  show(h('h1', {}, t('case.loading')), h('p', {}, t('common.loading')));
  const view = await api<CaseView>(`/v1/births/${encodeURIComponent(registrationId)}`);
  const pending = view.status === 'AWAITING_APPROVAL';
  const data: CaseData | undefined = view.notification;
  const title = data ? data.child.name : t('case.title', { id: '' }).trim();

  const drafts = h('section', { class: 'panel', 'aria-labelledby': 'drafts-h' }, h('h2', { id: 'drafts-h' }, t('case.drafts')));
  if (pending && data) {
    const frame = h('iframe', { title: t('case.drafts'), class: 'pdf', 'data-state': 'loading' });
    const link = h('a', { href: '#', class: 'button' }, t('case.draftsOpen'));
    drafts.append(frame, link);
    void apiBlob(`/v1/approvals/${encodeURIComponent(registrationId)}/preview`).then((blob) => {
      const url = URL.createObjectURL(blob);
      frame.src = url;
      link.href = url;
      link.target = '_blank';
      frame.dataset['state'] = 'loaded';
      frame.dataset['bytes'] = String(blob.size);
      frame.dataset['type'] = blob.type;
    }, () => undefined);
  } else {
    drafts.append(h('p', {}, t('case.draftsOnlyPending')));
  }

  const decision = h('section', { class: 'panel', 'aria-labelledby': 'decide-h', id: 'decision' }, h('h2', { id: 'decide-h' }, t('case.decide')));
  if (pending && !data) {
    // Never a decision without its data.
    decision.append(h('p', { class: 'message error', role: 'alert', id: 'case-no-data' }, t('case.noData')), h('button', { type: 'button', onclick: () => redraw(hash) }, t('case.reload')));
  } else if (pending && data) {
    decisionForm(decision, registrationId, data, hash, view.approval);
  } else {
    decision.append(h('p', { class: 'status', 'data-status': view.status }, `${t('common.status')}: ${tr('statusLabel', view.status)}`));
    // Approved, documents still being issued: look again until the case ends (a page left meanwhile is not redrawn).
    if (view.status === 'ISSUING') setTimeout(() => redraw(hash), 1000);
    if (view.decision) decision.append(h('p', {}, `${tr('verdict', view.decision.decision)} · ${formatDateTime(view.decision.at)}${view.decision.reason ? ` — ${view.decision.reason}` : ''}${view.decision.decreeNumber ? ` · SK ${view.decision.decreeNumber}` : ''}`));
    if (view.rejection && !view.decision) decision.append(h('p', { class: 'reason' }, `${tr('source', view.rejection.source)}: ${view.rejection.reason}`));
    if (view.failure) decision.append(h('p', { class: 'reason' }, tr('failure', view.failure.error, 'failure.other')));
    if (view.issued) {
      decision.append(
        h('h3', {}, t('case.issued')),
        h('dl', { class: 'facts' }, Object.entries(view.issued).flatMap(([k, v]) => [h('dt', {}, tr('issued', k, 'case.issued')), h('dd', {}, k === 'childIdCardKind' ? tr('kia', String(v)) : String(v))])),
      );
      const docs = await api<Pick<DocumentList, 'documents'>>(`/v1/births/${encodeURIComponent(registrationId)}/documents`).catch((e: unknown) => {
        if (e instanceof ApiError) return { documents: [] };
        throw e;
      });
      decision.append(
        h('h3', {}, t('case.documents')),
        h('ul', {}, docs.documents.map((d) => h('li', {}, `${tr('doc', d.type)} ${d.number} · `, h('a', { href: d.verificationUrl, target: '_blank', rel: 'noopener' }, t('parents.verify'))))),
      );
    }
    decision.append(...caseAmendments(view)); // after the akta: corrections and revocations (pages/amendments.ts)
  }

  show(
    h('p', {}, h('a', { href: '#/antrean' }, `← ${t('common.back')}`)),
    h('h1', {}, title),
    h('p', { class: 'sub' }, `${t('parents.id')}: `, h('code', {}, registrationId), ' · ', tr('statusLabel', view.status)),
    h(
      'div',
      { class: 'case' },
      h('section', { class: 'panel', 'aria-labelledby': 'notif-h' }, h('h2', { id: 'notif-h' }, t('case.notification')), data ? notificationFacts(data, view.facilityId) : h('p', {}, t('case.noData'))),
      h('section', { class: 'panel', 'aria-labelledby': 'checks-h' }, h('h2', { id: 'checks-h' }, t('case.checks')), checkList(view.checks)),
      drafts,
    ),
    decision,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'timeline-h' },
      h('h2', { id: 'timeline-h' }, t('case.timeline')),
      h('ol', { class: 'timeline' }, view.timeline.map((s) => h('li', {}, h('time', { datetime: s.at }, formatDateTime(s.at)), ` ${tr('step', s.step)}${s.by ? ` (${s.by})` : ''}`))),
      h('p', {}, h('a', { href: `#/riwayat/${registrationId}` }, t('history.open'))),
    ),
  );
}

/** Approve (confirmed, listing what will be issued) or reject (a reason chosen, none preselected); then "next case" with the focus. */
function decisionForm(decision: HTMLElement, registrationId: string, data: CaseData, hash: string, approval: CaseView['approval']): void {
  // A late registration: the head's decree number, or who decides it (pages/head-queue.ts).
  const late = lateDecision(approval);
  if (late) decision.append(late.element);
  if (late?.blocked) return;
  const message = h('p', { role: 'alert', class: 'message error', id: 'decision-message' });
  // What the registrar typed survives an expired session (sessionStorage, this tab only).
  const draftKey = `reason:${registrationId}`;
  const draft = JSON.parse(sessionStorage.getItem(draftKey) ?? '{}') as { code?: string; detail?: string };
  const reason = h('select', { id: 'reject-reason', required: true }, h('option', { value: '' }, t('reason.choose')), REJECT_REASONS.map((r) => h('option', { value: r, selected: draft.code === r }, t(reasonKey(r)))));
  const detail = h('textarea', { id: 'reject-detail', rows: 2, maxlength: 400 });
  detail.value = draft.detail ?? '';
  const keep = () => sessionStorage.setItem(draftKey, JSON.stringify({ code: reason.value, detail: detail.value }));
  reason.addEventListener('change', keep);
  detail.addEventListener('input', keep);

  const done = async (body: Decision) => {
    sessionStorage.removeItem(draftKey);
    const next = await nextCase(registrationId).catch(() => undefined);
    if (location.hash !== hash) return;
    const link = next
      ? h('a', { href: `#/kasus/${next.registrationId}`, class: 'button primary', id: 'next-case' }, t('decided.next', { name: next.child.name }))
      : h('a', { href: '#/antrean', class: 'button', id: 'next-case' }, t('decided.queue'));
    decision.replaceChildren(
      h('h2', { id: 'decide-h' }, t('case.decide')),
      h('div', { class: 'success-panel', role: 'status' }, h('p', {}, t(body.decision === 'APPROVE' ? 'decided.approved' : 'decided.rejected')), next ? null : h('p', {}, t('decided.none')), h('p', {}, link)),
    );
    link.focus();
  };
  const decide = async (body: Decision, buttons: HTMLButtonElement[]) => {
    message.textContent = '';
    for (const b of buttons) b.disabled = true;
    try {
      await api<DecisionResponse>(`/v1/approvals/${encodeURIComponent(registrationId)}`, { method: 'POST', body });
      await done(body);
    } catch (error) {
      for (const b of buttons) b.disabled = false;
      if (error instanceof SessionExpiredError) return;
      message.replaceChildren(errorText(error), ...(error instanceof ApiError && (error.status === 409 || error.status === 410) ? [' ', h('button', { type: 'button', onclick: () => redraw(hash) }, t('case.reload'))] : []));
      message.focus();
    }
  };

  const approve = h('button', { type: 'button', class: 'primary', id: 'approve', 'aria-expanded': 'false', 'aria-controls': 'confirm' }, t('case.approve'));
  const confirmBox = h('div', { class: 'confirm', id: 'confirm', hidden: true, role: 'group', 'aria-labelledby': 'confirm-h', tabindex: -1 });
  const yes = h('button', { type: 'button', class: 'primary', id: 'confirm-yes' }, t('confirm.yes'));
  const cancel = h('button', { type: 'button', id: 'confirm-cancel' }, t('confirm.cancel'));
  confirmBox.append(
    h('h3', { id: 'confirm-h' }, t('confirm.title')),
    h('p', {}, t('confirm.intro', { name: data.child.name })),
    h('ul', { class: 'issue-list' }, h('li', {}, t('confirm.nik')), h('li', {}, t('confirm.akta')), h('li', {}, t('confirm.kk', { kk: data.familyCardNumber })), h('li', {}, t('confirm.kia'))),
    h('p', { class: 'hint' }, t('confirm.final')),
    h('p', {}, yes, ' ', cancel),
  );
  approve.addEventListener('click', () => {
    confirmBox.hidden = false;
    approve.setAttribute('aria-expanded', 'true');
    confirmBox.focus();
  });
  cancel.addEventListener('click', () => {
    confirmBox.hidden = true;
    approve.setAttribute('aria-expanded', 'false');
    approve.focus();
  });
  yes.addEventListener('click', () => void decide({ decision: 'APPROVE', ...late?.decree() }, [yes, cancel, approve]));

  const rejectButton = h('button', { type: 'submit', class: 'danger' }, t('case.reject'));
  decision.append(
    approve,
    confirmBox,
    h(
      'form',
      {
        class: 'reject',
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          if (!reason.value) {
            message.textContent = t('issue.REASON_REQUIRED');
            reason.setAttribute('aria-invalid', 'true');
            reason.focus();
            return;
          }
          reason.removeAttribute('aria-invalid');
          const code = reason.value as RejectionReasonCode;
          const label = t(reasonKey(code));
          // One line: the API refuses line breaks and other control characters in a reason (api/requests.ts safeText).
          const text = detail.value.replace(/[\s\p{Cc}\p{Cf}]+/gu, ' ').trim();
          void decide({ decision: 'REJECT', reason: text ? `${label}: ${text}` : label, reasonCode: code }, [rejectButton, approve]);
        },
      },
      h('h3', {}, t('case.reject')),
      h('label', { for: 'reject-reason' }, t('case.reason')),
      reason,
      h('label', { for: 'reject-detail' }, t('case.reasonDetail')),
      detail,
      rejectButton,
    ),
    message,
  );
}

/** A follow-up row as GET /v1/follow-ups has it. */
interface FollowUpItem {
  readonly registrationId: string;
  readonly facilityId: string;
  readonly status: 'REJECTED' | 'FAILED';
  readonly endedAt: string;
  readonly child: { readonly name: string; readonly birthDateTime: string };
  readonly mother?: { readonly name: string };
  readonly rejection?: { readonly source: string; readonly reasonCode?: string; readonly codes?: readonly string[] };
  readonly failure?: { readonly error: string };
}

function why(item: FollowUpItem): string {
  if (item.failure) return tr('failure', item.failure.error, 'failure.other');
  if (item.rejection?.reasonCode) return `${tr('source', item.rejection.source)}: ${tr('reason', item.rejection.reasonCode)}`;
  if (item.rejection?.codes?.length) return `${tr('source', item.rejection.source)}: ${item.rejection.codes.map((c) => tr('check', c, 'issue.INVALID')).join(', ')}`;
  return item.rejection ? tr('source', item.rejection.source) : '';
}

/** The cases that ended without documents (REJECTED, FAILED), newest first: for the office to follow up. */
export async function followUpPage(params: URLSearchParams): Promise<void> {
  if (!requireRole('registrar')) return;
  const show = mounter();
  show(h('h1', {}, t('followup.title')), h('p', {}, t('common.loading')));
  const status = params.get('status') ?? '';
  const query = new URLSearchParams({ limit: '100', ...(status ? { status } : {}) });
  let items: readonly FollowUpItem[];
  let total: number | undefined;
  try {
    ({ items, total } = await api<{ items: FollowUpItem[]; total?: number }>(`/v1/follow-ups?${query}`));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
      show(h('h1', {}, t('followup.title')), h('p', { class: 'note' }, t('followup.unavailable')));
      return;
    }
    throw error;
  }
  show(
    h('p', {}, h('a', { href: '#/antrean' }, `← ${t('nav.queue')}`)),
    h('h1', {}, t('followup.title')),
    h('p', {}, t('followup.intro')),
    h(
      'p',
      { class: 'pager' },
      `${t('followup.status')}: `,
      h('a', { href: '#/tindak-lanjut', 'aria-current': status ? undefined : 'page' }, t('followup.both')),
      ' · ',
      h('a', { href: '#/tindak-lanjut?status=REJECTED', 'aria-current': status === 'REJECTED' ? 'page' : undefined }, t('statusLabel.REJECTED')),
      ' · ',
      h('a', { href: '#/tindak-lanjut?status=FAILED', 'aria-current': status === 'FAILED' ? 'page' : undefined }, t('statusLabel.FAILED')),
    ),
    total !== undefined ? h('p', { class: 'count' }, t('queue.shown', { from: items.length ? 1 : 0, to: items.length, total })) : null,
    items.length === 0
      ? h('p', {}, t('followup.empty'))
      : h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'follow-ups' },
            h('thead', {}, h('tr', {}, (['queue.child', 'common.status', 'followup.ended', 'queue.facility', 'followup.why'] as MessageKey[]).map((k) => h('th', { scope: 'col' }, t(k))))),
            h(
              'tbody',
              {},
              items.map((item) =>
                h(
                  'tr',
                  { 'data-registration-id': item.registrationId, 'data-status': item.status },
                  h('td', {}, h('a', { href: `#/kasus/${item.registrationId}` }, item.child.name), item.mother ? h('div', { class: 'sub' }, `${t('queue.mother')}: ${item.mother.name}`) : null),
                  h('td', {}, tr('statusLabel', item.status)),
                  h('td', {}, formatDateTime(item.endedAt)),
                  h('td', {}, facilityName(item.facilityId)),
                  h('td', {}, why(item)),
                ),
              ),
            ),
          ),
        ),
  );
}
