import { consoleConfig } from '../api.js';
import type { ParentRegistrationView } from '../contract.js';
import { h } from '../dom.js';
import { currentLang, t } from '../i18n.js';
import { BRING, parentNextSteps, telLink, whatsAppLink } from '../parents-next.js';

/**
 * The parents' page under its status (issue 16 item 6): the status line with a rejection's reason in
 * words, then what happens now and what to do, the KIA's note, the documents to bring, and the
 * office's contact (config.json `officeContact`) where the next step is the office.
 */
export function parentStatus(view: ParentRegistrationView): HTMLElement[] {
  const next = parentNextSteps(view);
  return [
    h('p', { class: `status-line status-${view.status.toLowerCase()}`, 'data-status': view.status }, t(next.status)),
    ...(next.reason ? [h('p', { class: 'reason' }, t('parents.reasonLabel', { reason: t(next.reason) }))] : []),
    // An API without reason codes: its own worded reason (in the language asked for).
    ...(view.rejection && !next.reason ? [h('p', { class: 'reason' }, view.rejection.reason)] : []),
  ];
}

export function parentNextStepsPanel(view: ParentRegistrationView): HTMLElement {
  const next = parentNextSteps(view);
  const lang = currentLang();
  const note = view.childIdCardNote;
  return h(
    'section',
    { class: 'panel next-steps', 'aria-labelledby': 'next-h', 'data-next': next.steps.join(' ') },
    h('h2', { id: 'next-h' }, t('parents.next.title')),
    next.steps.map((key) => h('p', {}, t(key))),
    // The KIA: the API's own note when it is not issued with the akta (5-17: a photo first; 17 and over: none), then what to do.
    next.kia ? [h('h3', {}, t('parents.kia.title')), note ? h('p', { class: 'kia-note', lang }, note[lang]) : null, h('p', {}, t(next.kia))] : [],
    next.bring ? [h('h3', {}, t('parents.bring.title')), h('ul', { class: 'bring' }, BRING.map((key) => h('li', {}, t(key))))] : [],
    next.contact ? officeContact() : [],
  );
}

/** The office's name, address, phone, WhatsApp, e-mail and hours, with links a phone can follow. */
function officeContact(): HTMLElement[] {
  const contact = consoleConfig().officeContact;
  if (!contact) return [h('p', {}, t('parents.contact.none'))];
  const row = (label: string, value: Node | string, lang?: string) => [h('dt', {}, label), h('dd', { lang }, value)];
  return [
    h('h3', {}, t('parents.contact.title')),
    // The office's name and address are Indonesian on either page (the hours come in both languages).
    h('p', { class: 'office-name', lang: 'id' }, h('strong', {}, contact.name)),
    h(
      'dl',
      { class: 'office-contact' },
      row(t('parents.contact.address'), contact.address, 'id'),
      row(t('parents.contact.phone'), h('a', { href: telLink(contact.phone) }, contact.phone)),
      contact.whatsApp ? row(t('parents.contact.whatsApp'), h('a', { href: whatsAppLink(contact.whatsApp), rel: 'noopener' }, contact.whatsApp)) : [],
      row(t('parents.contact.email'), h('a', { href: `mailto:${contact.email}` }, contact.email)),
      row(t('parents.contact.hours'), contact.hours[currentLang()]),
    ),
    h('p', {}, t('parents.contact.quote')),
  ];
}
