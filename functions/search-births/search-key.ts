/** What a search's `q` is: a registration id, a NIK or an akta number, told apart by shape. */
const REGISTRATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIK = /^\d{16}$/;
/** Any AKTA_NUMBER_FORMAT: letters and digits in groups joined by - / or . (3510-LT-22112026-0001, 3510/LT/2026/0001). */
const AKTA_NUMBER = /^[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)+$/;

export type SearchKey =
  | { readonly kind: 'REGISTRATION_ID'; readonly value: string }
  | { readonly kind: 'NIK'; readonly value: string }
  | { readonly kind: 'AKTA_NUMBER'; readonly value: string };

/** What `q` is, or undefined when it is none of the searchable keys. */
export function searchKeyOf(q: string): SearchKey | undefined {
  const value = q.replace(/\s+/g, '');
  if (REGISTRATION_ID.test(value)) return { kind: 'REGISTRATION_ID', value: value.toLowerCase() };
  if (NIK.test(value)) return { kind: 'NIK', value };
  if (AKTA_NUMBER.test(value)) return { kind: 'AKTA_NUMBER', value: value.toUpperCase() };
  return undefined;
}
