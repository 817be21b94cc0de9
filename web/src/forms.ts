import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * The GOV.UK error summary: a box above the form titled "Ada masalah" that lists every error as a
 * link to its field, and takes the focus; each field shows its own message too. The console routes
 * on the hash, so a link moves the focus itself instead of changing the address.
 */
export interface ShownError {
  /** The control to focus (its id). */
  readonly fieldId: string;
  readonly label: string;
  readonly text: string;
}

export function errorSummary(errors: readonly ShownError[], general: readonly string[] = []): HTMLElement {
  const summary = h(
    'div',
    { class: 'error-summary', role: 'alert', tabindex: -1, 'aria-labelledby': 'error-summary-title', id: 'error-summary' },
    h('h2', { id: 'error-summary-title' }, t('summary.title')),
    h(
      'ul',
      {},
      general.map((text) => h('li', {}, text)),
      errors.map((e) =>
        h(
          'li',
          {},
          h(
            'a',
            {
              href: `#${e.fieldId}`,
              onclick: (event: Event) => {
                event.preventDefault();
                const field = document.getElementById(e.fieldId);
                field?.scrollIntoView({ block: 'center' });
                field?.focus();
              },
            },
            `${e.label}: ${e.text}`,
          ),
        ),
      ),
    ),
  );
  return summary;
}

/** Shows a summary in `slot` (replacing any earlier one) and moves the focus to it. */
export function showSummary(slot: HTMLElement, summary: HTMLElement | null): void {
  slot.replaceChildren(...(summary ? [summary] : []));
  if (summary) {
    summary.scrollIntoView({ block: 'start' });
    summary.focus();
  }
}
