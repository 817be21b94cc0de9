import { api, ApiError, session } from '../api.js';
import type { AmendmentDecision, AmendmentDecisionResponse, AmendmentList, ApprovalList, RegistrationView } from '../contract.js';
import { formatDateTime, h, mount } from '../dom.js';
import { t, tr, type MessageKey } from '../i18n.js';
import { shownValue } from './amendments.js';

/**
 * The head of office's pages (Kepala Dinas, or the Pejabat Pencatatan Sipil it delegates to): the
 * queue of what only a head decides (late registrations, amendments), and one amendment with the
 * current and requested values side by side and the draft of the re-issued akta. Four-eyes is the
 * API's rule (`mayDecide`); the page only shows it.
 */

type PendingAmendment = AmendmentList['items'][number];
type PendingApproval = ApprovalList['items'][number];

/** Heads of office only: a plain registrar is shown why, anyone else the way to sign in. */
function requireHead(): boolean {
  const current = session();
  if (current?.role === 'registrar' && current.headOfOffice) return true;
  mount(h('p', { role: 'alert' }, t('common.signInFirst'), ' ', h('a', { href: `#/masuk?next=${encodeURIComponent(location.hash)}` }, t('nav.signIn'))));
  return false;
}

/** A case only a head decides (a late registration): the API says so in the queue (`decidableBy`). */
export const isHeadsCase = (item: { readonly decidableBy?: string }): boolean => item.decidableBy === 'HEAD_OF_OFFICE';

/** A field's label without its form hint ("NIK ayah (jika ada)" → "NIK ayah"). */
const fieldLabel = (path: string) => t(`field.${path}` as MessageKey).replace(/\s*\(.*\)$/, '');

/**
 * The case page's part for a late registration (registrar.ts): a head of office may give the decree
 * (SK) number with the approval; a plain registrar is told who decides, and gets no buttons (the API
 * would answer 403).
 */
export function lateDecision(pending: { readonly decidableBy?: string } | undefined): { element: HTMLElement; blocked: boolean; decree: () => { decreeNumber?: string } } | undefined {
  if (!pending || !isHeadsCase(pending)) return undefined;
  if (!session()?.headOfOffice) return { element: h('p', { class: 'note late-note' }, t('late.headOnly')), blocked: true, decree: () => ({}) };
  const input = h('input', { id: 'decree-number', name: 'decreeNumber', autocomplete: 'off', maxlength: 64 });
  return {
    element: h('div', { class: 'late-decision' }, h('p', { class: 'note late-note' }, t('late.forHead')), h('label', { for: input.id }, t('late.decree')), input),
    blocked: false,
    decree: () => (input.value.trim() ? { decreeNumber: input.value.trim() } : {}),
  };
}

const requester = (a: PendingAmendment) => `${tr('requester', a.requestedBy.kind)}${a.requestedBy.id ? ` ${a.requestedBy.id}` : ''}`;

/** #/kepala */
export async function headQueuePage(): Promise<void> {
  if (!requireHead()) return;
  mount(h('h1', {}, t('head.title')), h('p', {}, t('common.loading')));
  const [approvals, amendments] = await Promise.all([api<ApprovalList>('/v1/approvals?limit=100'), api<AmendmentList>('/v1/amendments?status=PENDING')]);
  const late = approvals.items.filter(isHeadsCase);
  const headers = (keys: MessageKey[]) => h('thead', {}, h('tr', {}, keys.map((k) => h('th', { scope: 'col' }, t(k)))));
  mount(
    h('h1', {}, t('head.title')),
    h('p', { class: 'lead' }, t('head.intro')),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'late-h' },
      h('h2', { id: 'late-h' }, t('head.late')),
      late.length === 0
        ? h('p', {}, t('head.lateEmpty'))
        : h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              { class: 'late-queue' },
              headers(['queue.child', 'queue.born', 'queue.facility', 'queue.waiting']),
              h(
                'tbody',
                {},
                late.map((item) =>
                  h(
                    'tr',
                    { 'data-registration-id': item.registrationId, class: item.overdue ? 'overdue' : undefined },
                    h('td', {}, h('a', { href: `#/kasus/${item.registrationId}` }, item.child.name)),
                    h('td', {}, formatDateTime(item.child.birthDateTime)),
                    h('td', {}, item.facilityId),
                    h('td', {}, t('duration.hm', { h: Math.floor(item.waitingMinutes / 60), m: item.waitingMinutes % 60 })),
                  ),
                ),
              ),
            ),
          ),
    ),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'amend-h' },
      h('h2', { id: 'amend-h' }, t('head.amendments')),
      amendments.items.length === 0
        ? h('p', {}, t('head.amendmentsEmpty'))
        : h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              { class: 'amendment-queue' },
              headers(['head.kind', 'head.registration', 'amend.requested', 'head.requestedBy', 'head.waiting']),
              h(
                'tbody',
                {},
                amendments.items.map((a) =>
                  h(
                    'tr',
                    { 'data-amendment-id': a.amendmentId },
                    h('td', {}, h('a', { href: `#/permohonan/${a.amendmentId}` }, tr('amendment', a.kind))),
                    h('td', {}, a.registrationId),
                    h('td', {}, a.changes ? Object.entries(a.changes).map(([path, value]) => h('div', {}, `${fieldLabel(path)}: ${shownValue(path, value)}`)) : '—'),
                    h('td', {}, requester(a), a.mayDecide ? null : h('span', { class: 'badge' }, t('head.ownRequest'))),
                    h('td', {}, formatDateTime(a.requestedAt)),
                  ),
                ),
              ),
            ),
          ),
    ),
  );
}

/**
 * The akta as a correction would re-issue it: its number, the next print, the corrected values and
 * the marginal note, all as the API words them (`draft`, from domain/amendment.ts: the wording the akta
 * prints has one home). The page only frames it.
 */
function draftOfReissue(amendment: PendingAmendment, view: RegistrationView): HTMLElement {
  const paths = Object.keys(amendment.changes ?? {});
  const draft = amendment.draft;
  return h(
    'section',
    { class: 'panel draft-doc', 'aria-labelledby': 'draft-h' },
    h('h2', { id: 'draft-h' }, t('amend.draft')),
    h('p', { class: 'draft-mark', 'aria-hidden': 'true' }, 'DRAF'),
    h('h3', {}, t('amend.draftAkta', { number: draft?.birthCertificateNumber ?? view.issued?.birthCertificateNumber ?? '—', print: draft?.printNumber ?? '—' })),
    h(
      'dl',
      { class: 'facts' },
      paths.flatMap((path) => [h('dt', {}, fieldLabel(path)), h('dd', { class: 'requested' }, shownValue(path, amendment.changes?.[path]))]),
      view.issued ? [h('dt', {}, 'NIK'), h('dd', {}, view.issued.nik)] : [],
    ),
    h('h4', {}, t('amend.marginal')),
    h('p', { class: 'marginal', lang: 'id' }, draft?.marginalNote ?? '—'),
    h('p', { class: 'note marginal-when' }, t('amend.marginalWhen')),
    h('p', { class: 'note' }, t('amend.draftNote')),
  );
}

/** #/permohonan/{amendmentId} */
export async function amendmentPage(params: URLSearchParams, amendmentId: string): Promise<void> {
  if (!requireHead()) return;
  mount(h('h1', {}, t('head.title')), h('p', {}, t('common.loading')));
  const { items } = await api<AmendmentList>('/v1/amendments?status=PENDING');
  const amendment = items.find((a) => a.amendmentId === amendmentId && a.status === 'PENDING');
  const back = h('p', {}, h('a', { href: '#/kepala' }, `← ${t('common.back')}`));
  if (!amendment) {
    const decided = params.get('status');
    mount(back, h('h1', {}, t('head.title')), h('p', { class: 'message ok', role: 'status', 'data-status': decided ?? '' }, decided ? t('amend.decided', { status: tr('amendmentStatus', decided) }) : t('amend.gone')));
    return;
  }
  const view = await api<RegistrationView>(`/v1/births/${encodeURIComponent(amendment.registrationId)}`);
  const paths = Object.keys(amendment.changes ?? {});
  const compare =
    amendment.kind === 'CORRECTION'
      ? h(
          'div',
          { class: 'scroll' },
          h(
            'table',
            { class: 'compare' },
            h('thead', {}, h('tr', {}, (['amend.field', 'amend.current', 'amend.requested'] as MessageKey[]).map((k) => h('th', { scope: 'col' }, t(k))))),
            h(
              'tbody',
              {},
              paths.map((path) =>
                h(
                  'tr',
                  { 'data-path': path },
                  h('th', { scope: 'row' }, fieldLabel(path)),
                  h('td', { class: 'current' }, shownValue(path, amendment.currentValues?.[path])),
                  h('td', { class: 'requested' }, shownValue(path, amendment.changes?.[path])),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'note' }, t('amend.revocationNote'));

  const decision = h('section', { class: 'panel', 'aria-labelledby': 'decide-h' }, h('h2', { id: 'decide-h' }, t('case.decide')));
  if (!amendment.mayDecide) {
    decision.append(h('p', { class: 'note four-eyes' }, t('head.ownRequest')));
  } else {
    const message = h('p', { class: 'message', role: 'status' });
    const reason = h('textarea', { id: 'amend-reject-reason', rows: 2, maxlength: 1000 });
    const decide = (body: AmendmentDecision) =>
      api<AmendmentDecisionResponse>(`/v1/amendments/${encodeURIComponent(amendmentId)}`, { method: 'POST', body })
        .then((answer) => {
          location.hash = `#/permohonan/${amendmentId}?status=${answer.status}`;
        })
        .catch((error: unknown) => {
          message.className = 'message error';
          message.textContent = error instanceof ApiError && error.body.error ? error.body.error : t('common.error', { message: (error as Error).message });
        });
    decision.append(
      h('button', { type: 'button', class: 'primary', onclick: () => void decide({ decision: 'APPROVE' }) }, t('amend.approve')),
      h(
        'form',
        {
          class: 'reject',
          onsubmit: (event: Event) => {
            event.preventDefault();
            const text = reason.value.replace(/[\s\p{Cc}\p{Cf}]+/gu, ' ').trim();
            if (!text) {
              message.className = 'message error';
              message.textContent = t('amend.rejectNeedsReason');
              return;
            }
            void decide({ decision: 'REJECT', reason: text });
          },
        },
        h('label', { for: reason.id }, t('amend.rejectReason')),
        reason,
        h('button', { type: 'submit', class: 'danger' }, t('amend.reject')),
      ),
      message,
    );
  }

  mount(
    back,
    h('h1', {}, t('amend.title', { kind: tr('amendment', amendment.kind) })),
    h('p', { class: 'lead' }, h('a', { href: `#/kasus/${amendment.registrationId}` }, t('amend.registration', { id: amendment.registrationId }))),
    h(
      'div',
      { class: 'case' },
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'request-h' },
        h('h2', { id: 'request-h' }, tr('amendment', amendment.kind)),
        h(
          'dl',
          { class: 'facts' },
          h('dt', {}, t('head.requestedBy')),
          h('dd', {}, requester(amendment)),
          h('dt', {}, t('head.waiting')),
          h('dd', {}, formatDateTime(amendment.requestedAt)),
          h('dt', {}, t('amend.reason')),
          h('dd', { class: 'request-reason' }, amendment.reason),
          h('dt', {}, t('amend.evidence')),
          h('dd', {}, amendment.evidence.length > 0 ? amendment.evidence.map((e) => `${tr('evidence', e.type)} ${e.reference}`).join('; ') : t('amend.noEvidence')),
        ),
        compare,
      ),
      amendment.kind === 'CORRECTION' ? draftOfReissue(amendment, view) : null,
    ),
    decision,
  );
}
