/**
 * What the public verification page may show of a person: enough to compare with the paper in
 * hand, not enough to learn who it is. Names keep each word's first letter ("MUHAMMAD ARKA" ->
 * "M******* A***"); ID-like numbers (NIK, KK) keep the region prefix and the last two digits.
 */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((word) => {
      const letters = [...word];
      return letters.length <= 1 ? word : `${letters[0]}${'*'.repeat(letters.length - 1)}`;
    })
    .join(' ');
}

export function maskIdNumber(number: string): string {
  if (!/^\d{16}$/.test(number)) return number;
  return `${number.slice(0, 6)}${'*'.repeat(8)}${number.slice(14)}`;
}
