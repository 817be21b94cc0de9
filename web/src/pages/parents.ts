import { api, apiBlob, ApiError, errorText, saveBlob } from '../api.js';
import { formatDateTime, h, mount } from '../dom.js';
import type { DocumentList, ParentRegistrationView } from '../contract.js';
import { t, tr } from '../i18n.js';
import { parentNextStepsPanel, parentStatus } from './parents-next-steps.js';


/** Parents, on a phone: the registration number (from the slip's link) and the access code. */
export function parentsPage(params: URLSearchParams): void {
  const id = h('input', { id: 'p-id', name: 'id', value: params.get('id') ?? '', autocomplete: 'off', required: true });
  const code = h('input', { id: 'p-code', name: 'code', autocomplete: 'off', autocapitalize: 'characters', required: true });
  const result = h('div', { id: 'parents-result', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'parents' },
    h('label', { for: 'p-id' }, t('parents.id')),
    id,
    h('label', { for: 'p-code' }, t('parents.code')),
    code,
    h('button', { type: 'submit', class: 'primary' }, t('parents.open')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void show(id.value.trim(), code.value.trim(), result);
  });
  mount(h('h1', {}, t('parents.title')), h('p', {}, t('parents.intro')), form, result);
  // Back from a verification page (or a reload): the same registration shown again, nothing retyped.
  const kept = JSON.parse(sessionStorage.getItem('parents') ?? 'null') as { id: string; code: string } | null;
  if (kept && (!params.get('id') || params.get('id') === kept.id)) {
    id.value = kept.id;
    code.value = kept.code;
    void show(kept.id, kept.code, result);
    return;
  }
  (params.get('id') ? code : id).focus();
}

async function show(registrationId: string, accessCode: string, result: HTMLElement): Promise<void> {
  result.replaceChildren(h('p', {}, t('common.loading')));
  // The corrections part (pages/amendments.ts) is its own chunk, fetched beside the API calls: the
  // page's first load stays at six files, what HTTP/1.1's six connections take at once.
  const amendments = import('./amendments.js');
  amendments.catch(() => undefined);
  let view: ParentRegistrationView;
  try {
    view = await api<ParentRegistrationView>(`/v1/births/${encodeURIComponent(registrationId)}`, { accessCode });
  } catch (error) {
    sessionStorage.removeItem('parents');
    const status = error instanceof ApiError ? error.status : 0;
    result.replaceChildren(h('p', { class: 'message error', role: 'alert' }, status === 429 ? t('parents.tooMany') : status === 401 || status === 404 ? t('parents.wrong') : errorText(error)));
    return;
  }
  // This tab only; gone when it closes.
  sessionStorage.setItem('parents', JSON.stringify({ id: registrationId, code: accessCode }));
  // The status in words, a rejection's reason by its label (pages/parents-next-steps.ts).
  const parts: HTMLElement[] = parentStatus(view);
  if (view.status === 'COMPLETED') {
    // The parents' view carries the documents of a COMPLETED registration (one request on a slow line);
    // an API without them is asked for the list.
    const { documents, bundleUrl } =
      view.documents && view.bundleUrl
        ? { documents: view.documents, bundleUrl: view.bundleUrl }
        : await api<DocumentList>(`/v1/births/${encodeURIComponent(registrationId)}/documents`, { accessCode });
    // While a PDF comes down a slow line the button says so and cannot be pressed twice.
    const download = (path: string, name: string) => (event: Event) => {
      const button = event.currentTarget as HTMLButtonElement;
      const label = button.textContent;
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
      button.textContent = t('parents.downloading');
      void apiBlob(path, { accessCode })
        .then((blob) => saveBlob(blob, name))
        .catch((error: unknown) => result.append(h('p', { class: 'message error', role: 'alert' }, errorText(error))))
        .finally(() => {
          button.disabled = false;
          button.removeAttribute('aria-busy');
          button.textContent = label;
        });
    };
    parts.push(
      h('button', { type: 'button', class: 'primary wide', onclick: download(bundleUrl, `dokumen-${registrationId}.pdf`) }, t('parents.bundle')),
      h(
        'ul',
        { class: 'documents' },
        documents.map((d) =>
          h(
            'li',
            {},
            h('strong', {}, tr('doc', d.type)),
            h('br'),
            `${d.number} · ${formatDateTime(d.issuedAt)}`,
            h('br'),
            h('button', { type: 'button', onclick: download(d.url, `${d.type.toLowerCase()}-${registrationId}.pdf`) }, t('parents.download')),
            ' ',
            h('a', { href: d.verificationUrl, class: 'verify' }, t('parents.verify')),
          ),
        ),
      ),
    );
  }
  // What happens now and what to do, the KIA's note, the office's contact (pages/parents-next-steps.ts).
  parts.push(parentNextStepsPanel(view));
  // After the akta: ask for a misspelt name to be corrected, and follow the request (pages/amendments.ts).
  if (view.status === 'COMPLETED' || view.status === 'REVOKED') parts.push((await amendments).parentAmendments(view, registrationId, accessCode, () => void show(registrationId, accessCode, result)));
  result.replaceChildren(...parts);
}
