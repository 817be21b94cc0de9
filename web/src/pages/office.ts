import { api, ApiError, errorText } from '../api.js';
import { barChart, rowChart, shareBar } from '../charts.js';
import { formatDateTime, h, mounter } from '../dom.js';
import type { Dashboard, History, HistoryEvent, SearchResult } from '../contract.js';
import { t, tr, type MessageKey } from '../i18n.js';
import { requireRole } from '../guard.js';

/** The registry office's pages beyond the queue: search, a case's full history, the dashboard. */

/** The search box (also on the queue page): submitting it opens #/cari?q=… */
export function searchForm(value = ''): HTMLFormElement {
  const input = h('input', { id: 'search-q', name: 'q', type: 'search', value, autocomplete: 'off', required: true, maxlength: 64 });
  return h(
    'form',
    {
      class: 'search',
      role: 'search',
      onsubmit: (event: Event) => {
        event.preventDefault();
        location.hash = `#/cari?q=${encodeURIComponent(input.value.trim())}`;
      },
    },
    h('label', { for: 'search-q' }, t('search.label')),
    h('div', { class: 'inline' }, input, h('button', { type: 'submit', class: 'primary' }, t('search.submit'))),
  );
}

export async function searchPage(params: URLSearchParams): Promise<void> {
  if (!requireRole('registrar')) return;
  const show = mounter();
  const q = params.get('q') ?? '';
  if (!q) {
    show(h('h1', {}, t('search.title')), searchForm());
    return;
  }
  show(h('h1', {}, t('search.title')), searchForm(q), h('p', {}, t('common.loading')));
  let items: SearchResult['items'];
  try {
    ({ items } = await api<SearchResult>(`/v1/search?q=${encodeURIComponent(q)}`));
  } catch (error) {
    // A 400 is a key the API cannot read: say what it can search by, not "The request is invalid".
    const text = error instanceof ApiError && error.status === 400 ? t('search.hint') : errorText(error);
    show(h('h1', {}, t('search.title')), searchForm(q), h('p', { class: 'message error', role: 'alert' }, text));
    return;
  }
  show(
    h('h1', {}, t('search.title')),
    searchForm(q),
    h(
      'section',
      { 'aria-live': 'polite', class: 'results' },
      items.length === 0
        ? h('p', {}, t('search.none'))
        : h(
            'div',
            { class: 'scroll' },
            h(
              'table',
              { class: 'search-results' },
              h('thead', {}, h('tr', {}, (['search.child', 'search.born', 'common.status', 'search.submitted', 'search.matched'] as MessageKey[]).map((k) => h('th', { scope: 'col' }, t(k))))),
              h(
                'tbody',
                {},
                items.map((item) =>
                  h(
                    'tr',
                    { 'data-registration-id': item.registrationId },
                    h('td', {}, h('a', { href: `#/kasus/${item.registrationId}` }, item.childName)),
                    h('td', {}, item.birthDate),
                    h('td', {}, tr('statusLabel', item.status)),
                    h('td', {}, formatDateTime(item.submittedAt)),
                    h('td', {}, tr('matched', item.matchedBy)),
                  ),
                ),
              ),
            ),
          ),
    ),
  );
}

function describeEvent(event: HistoryEvent): string {
  return event.kind === 'STEP' ? tr('step', event.step ?? '') : tr('event', event.action ?? '', 'history.what');
}

/** An audit event's details in words: each known key its label, an unknown one left out (never a raw key). */
function describeDetail(event: HistoryEvent): string {
  const parts = Object.entries(event.detail ?? {}).flatMap(([k, v]): string[] => {
    const value = String(v);
    switch (k) {
      case 'decision':
        return [tr('verdict', value)];
      case 'reasonCode':
        return [tr('reason', value)];
      case 'type':
        return [tr('doc', value)];
      case 'key':
        return [tr('matched', value)];
      case 'results':
        return [t('detail.results', { n: value })];
      case 'generation':
        return [t('detail.generation', { n: value })];
      case 'notificationId':
        return [`${t('field.notificationId')}: ${value}`];
      case 'verificationId':
        return [value];
      case 'malformedId':
        return [t('detail.malformed')];
      default:
        return [];
    }
  });
  if (event.outcome && event.outcome !== 'ALLOWED') parts.push(tr('outcome', event.outcome));
  if (event.sourceIp) parts.push(event.sourceIp);
  return parts.join(' · ');
}

/** Every step and every audited act of one case, oldest first, as a table. */
export async function historyPage(_params: URLSearchParams, registrationId: string): Promise<void> {
  if (!requireRole('registrar')) return;
  const show = mounter();
  show(h('h1', {}, t('history.title', { id: registrationId })), h('p', {}, t('common.loading')));
  const history = await api<History>(`/v1/births/${encodeURIComponent(registrationId)}/history`);
  show(
    h('p', {}, h('a', { href: `#/kasus/${registrationId}` }, `← ${t('common.back')}`)),
    h('h1', {}, t('history.title', { id: registrationId })),
    history.truncated ? h('p', { class: 'note' }, t('history.truncated')) : null,
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'history' },
        h('thead', {}, h('tr', {}, (['history.when', 'history.what', 'history.who', 'history.detail'] as MessageKey[]).map((k) => h('th', { scope: 'col' }, t(k))))),
        h(
          'tbody',
          {},
          history.events.map((event) =>
            h(
              'tr',
              { class: `event-${event.kind.toLowerCase()}` },
              h('td', {}, h('time', { datetime: event.at }, formatDateTime(event.at))),
              h('td', {}, describeEvent(event)),
              h('td', {}, `${event.actor.role === 'head-of-office' ? t('requester.head-of-office') : tr('actor', event.actor.kind)}${event.actor.id ? ` ${event.actor.id}` : ''}`),
              h('td', {}, describeDetail(event)),
            ),
          ),
        ),
      ),
    ),
  );
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

function dataTable(caption: string, headers: [MessageKey, MessageKey], rows: [string, string | number][]): HTMLElement {
  return h(
    'details',
    { class: 'data' },
    h('summary', {}, `${t('dash.table')}: ${caption}`),
    h(
      'table',
      {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, rows.map(([label, value]) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, String(value))))),
    ),
  );
}

/** The office's figures: charts drawn as inline SVG, each with its numbers in a table. */
export async function dashboardPage(params: URLSearchParams): Promise<void> {
  if (!requireRole('registrar')) return;
  const show = mounter();
  const days = Number(params.get('days') ?? 30) || 30;
  show(h('h1', {}, t('dash.title')), h('p', {}, t('common.loading')));
  const d = await api<Dashboard>(`/v1/dashboard?days=${days}`);
  const perDay = d.registeredPerDay.map((p) => ({ label: p.date, value: p.count }));
  const pending = d.pendingByAge;
  const pendingRows = [
    { label: t('dash.under1h'), value: pending.under1h },
    { label: t('dash.from1hTo4h'), value: pending.from1hTo4h, tone: 'warn' },
    { label: t('dash.over4h'), value: pending.over4h, tone: 'danger' },
  ];
  const shares: [MessageKey, Dashboard['decidedWithin4Hours']][] = [
    ['dash.within4h', d.decidedWithin4Hours],
    ['dash.within60d', d.registeredWithin60Days],
  ];
  const median = d.medianMinutesToDocuments;
  show(
    h('h1', {}, t('dash.title')),
    h('p', { class: 'lead' }, t('dash.window', { days, from: d.from, to: d.to })),
    h(
      'div',
      { class: 'dashboard' },
      h(
        'section',
        { class: 'panel wide', 'aria-labelledby': 'per-day-h' },
        h('h2', { id: 'per-day-h' }, t('dash.perDay')),
        barChart(perDay, t('dash.perDay'), t('dash.perDayDesc', { total: d.registered })),
        dataTable(t('dash.perDay'), ['dash.date', 'dash.count'], perDay.map((p) => [p.label, p.value])),
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'median-h' },
        h('h2', { id: 'median-h' }, t('dash.median')),
        h('p', { class: 'figure', 'data-figure': 'median' }, median === null ? t('dash.none') : t('dash.minutes', { n: median.toLocaleString(document.documentElement.lang) })),
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'shares-h' },
        h('h2', { id: 'shares-h' }, t('dash.shares')),
        shares.flatMap(([key, s]) => [
          h('h3', {}, t(key)),
          shareBar(s.share, t(key), `${percent(s.share)} (${t('dash.ofTotal', { count: s.count, total: s.total })})`),
        ]),
        dataTable(t('dash.shares'), ['dash.measure', 'dash.value'], shares.map(([key, s]) => [t(key), `${percent(s.share)} (${t('dash.ofTotal', { count: s.count, total: s.total })})`])),
      ),
      h(
        'section',
        { class: 'panel wide', 'aria-labelledby': 'pending-h' },
        h('h2', { id: 'pending-h' }, t('dash.pending')),
        rowChart(pendingRows, t('dash.pending'), pendingRows.map((r) => `${r.label}: ${r.value}`).join('; ')),
        dataTable(t('dash.pending'), ['dash.measure', 'dash.count'], pendingRows.map((r) => [r.label, r.value])),
      ),
    ),
  );
}
