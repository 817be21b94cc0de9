import { api, apiBlob, ApiError, errorText, facilityName, SessionExpiredError } from '../api.js';
import { formatDateTime, h, mount } from '../dom.js';
import { requireRole } from '../guard.js';
import type { ApprovalList, Check, Decision, DecisionResponse, DocumentList, RegistrationView, RejectionReasonCode } from '../contract.js';
import { t, tr, type MessageKey } from '../i18n.js';
import { searchForm } from './office.js';

const waited = (minutes: number) => t('duration.hm', { h: Math.floor(minutes / 60), m: minutes % 60 });

function checkList(checks: readonly Check[]): HTMLElement {
  if (checks.length === 0) return h('p', {}, t('case.noChecks'));
  const lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  return h(
    'ul',
    { class: 'checks' },
    checks.map((c) => h('li', { class: `sev-${c.severity.toLowerCase()}`, 'data-code': c.code }, h('strong', {}, `${tr('severity', c.severity)} · ${tr('check', c.code, 'issue.INVALID')}`), ' ', c.message[lang])),
  );
}

/** The queue of pending decisions, oldest first, with the waiting time and a mark past the 4-hour promise. */
export async function queuePage(): Promise<void> {
  if (!requireRole('registrar')) return;
  mount(h('h1', {}, t('queue.title')), h('p', {}, t('common.loading')));
  const { items } = await api<ApprovalList>('/v1/approvals?limit=100');
  const rows = items.map((item) =>
    h(
      'tr',
      { class: item.overdue ? 'overdue' : undefined },
      h('td', {}, h('a', { href: `#/kasus/${item.registrationId}` }, item.child.name)),
      h('td', {}, formatDateTime(item.child.birthDateTime)),
      h('td', {}, facilityName(item.facilityId)),
      h(
        'td',
        {},
        waited(item.waitingMinutes),
        item.overdue ? h('span', { class: 'badge danger' }, t('queue.overdue')) : null,
        item.escalated ? h('span', { class: 'badge' }, t('queue.escalated')) : null,
      ),
      h('td', {}, item.checks.map((c) => h('span', { class: `badge sev-${c.severity.toLowerCase()}`, 'data-code': c.code, title: c.message[document.documentElement.lang === 'en' ? 'en' : 'id'] }, tr('check', c.code, 'issue.INVALID')))),
    ),
  );
  mount(
    searchForm(),
    h('h1', {}, t('queue.title')),
    items.length === 0
      ? h('p', {}, t('queue.empty'))
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
/** Each code's message (i18n.ts `reason.<code>`): a code without one is a type error. */
const reasonKey = (code: RejectionReasonCode): MessageKey => `reason.${code}`;

/** One case: the notification, the registry checks and the draft documents side by side; approve or reject. */
export async function casePage(_params: URLSearchParams, registrationId: string): Promise<void> {
  if (!requireRole('registrar')) return;
  mount(h('h1', {}, t('case.title', { id: registrationId })), h('p', {}, t('common.loading')));
  const [view, queue] = await Promise.all([
    api<RegistrationView>(`/v1/births/${encodeURIComponent(registrationId)}`),
    api<ApprovalList>('/v1/approvals?limit=100'),
  ]);
  const pending = queue.items.find((i) => i.registrationId === registrationId);

  const notification = pending
    ? h(
        'dl',
        { class: 'facts' },
        ...(
          [
            ['field.child.name', pending.child.name],
            ['field.child.sex', tr('sex', pending.child.sex)],
            ['field.child.birthDateTime', formatDateTime(pending.child.birthDateTime)],
            ['field.child.birthPlace', pending.child.birthPlace ?? '—'],
            ['field.child.weightGrams', pending.child.weightGrams],
            ['field.child.lengthCm', pending.child.lengthCm],
            ['field.mother.nik', pending.mother.nik],
            ['field.father.nik', pending.father?.nik ?? '—'],
            ['field.familyCardNumber', pending.familyCardNumber],
            ['field.marriageCertificateNumber', pending.marriageCertificateNumber ?? '—'],
            ['field.attendant.name', `${pending.attendant.name} (${tr('attendant', pending.attendant.type)})`],
            ['queue.facility', facilityName(pending.facilityId)],
          ] as [MessageKey, string | number][]
        ).flatMap(([k, v]) => [h('dt', {}, t(k)), h('dd', {}, String(v))]),
      )
    : h('p', {}, `${t('common.status')}: ${tr('statusLabel', view.status)}`);

  const drafts = h('section', { class: 'panel', 'aria-labelledby': 'drafts-h' }, h('h2', { id: 'drafts-h' }, t('case.drafts')));
  if (view.status === 'AWAITING_APPROVAL') {
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
    });
  } else {
    drafts.append(h('p', {}, t('case.draftsOnlyPending')));
  }

  const decision = h('section', { class: 'panel', 'aria-labelledby': 'decide-h' }, h('h2', { id: 'decide-h' }, t('case.decide')));
  if (view.status === 'AWAITING_APPROVAL') {
    const message = h('p', { role: 'status', class: 'message' });
    // What the registrar typed survives an expired session (sessionStorage, this tab only).
    const draftKey = `reason:${registrationId}`;
    const draft = JSON.parse(sessionStorage.getItem(draftKey) ?? '{}') as { code?: string; detail?: string };
    const reason = h('select', { id: 'reject-reason', required: true }, h('option', { value: '' }, t('reason.choose')), REJECT_REASONS.map((r) => h('option', { value: r, selected: draft.code === r }, t(reasonKey(r)))));
    const detail = h('textarea', { id: 'reject-detail', rows: 2, maxlength: 400 });
    detail.value = draft.detail ?? '';
    const keep = () => sessionStorage.setItem(draftKey, JSON.stringify({ code: reason.value, detail: detail.value }));
    reason.addEventListener('change', keep);
    detail.addEventListener('input', keep);
    const decide = async (body: Decision) => {
      try {
        await api<DecisionResponse>(`/v1/approvals/${encodeURIComponent(registrationId)}`, { method: 'POST', body });
        sessionStorage.removeItem(draftKey);
        message.textContent = t('case.decided');
        setTimeout(() => void casePage(_params, registrationId), 800);
      } catch (error) {
        if (error instanceof SessionExpiredError) return;
        message.textContent = errorText(error);
      }
    };
    decision.append(
      h('button', { type: 'button', class: 'primary', onclick: () => void decide({ decision: 'APPROVE' }) }, t('case.approve')),
      h(
        'form',
        {
          class: 'reject',
          onsubmit: (event: Event) => {
            event.preventDefault();
            if (!reason.value) {
              message.textContent = t('issue.REASON_REQUIRED');
              reason.focus();
              return;
            }
            const code = reason.value as RejectionReasonCode;
            const label = t(reasonKey(code));
            // One line: the API refuses line breaks and other control characters in a reason (api/requests.ts safeText).
            const text = detail.value.replace(/[\s\p{Cc}\p{Cf}]+/gu, ' ').trim();
            void decide({ decision: 'REJECT', reason: text ? `${label}: ${text}` : label, reasonCode: code });
          },
        },
        h('label', { for: 'reject-reason' }, t('case.reason')),
        reason,
        h('label', { for: 'reject-detail' }, t('case.reasonDetail')),
        detail,
        h('button', { type: 'submit', class: 'danger' }, t('case.reject')),
      ),
      message,
    );
  } else {
    decision.append(h('p', { class: 'status', 'data-status': view.status }, `${t('common.status')}: ${tr('statusLabel', view.status)}`));
    // Approved, documents still being issued: look again until the case ends (a page left meanwhile is not redrawn).
    if (view.status === 'ISSUING') {
      const shownAt = location.hash;
      setTimeout(() => {
        if (location.hash === shownAt) void casePage(_params, registrationId);
      }, 1000);
    }
    if (view.decision) decision.append(h('p', {}, `${tr('verdict', view.decision.decision)} · ${formatDateTime(view.decision.at)}${view.decision.reason ? ` — ${view.decision.reason}` : ''}`));
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
  }

  mount(
    h('p', {}, h('a', { href: '#/antrean' }, `← ${t('common.back')}`)),
    h('h1', {}, t('case.title', { id: registrationId })),
    h(
      'div',
      { class: 'case' },
      h('section', { class: 'panel', 'aria-labelledby': 'notif-h' }, h('h2', { id: 'notif-h' }, t('case.notification')), notification),
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
