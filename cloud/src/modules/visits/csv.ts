/**
 * CSV as Excel reads it: a UTF-8 byte-order mark (without it Excel on Windows shows Chinese as mojibake),
 * CRLF line ends, and RFC 4180 quoting. A cell that starts like a formula (= + - @, or a tab or CR
 * before one) gets a leading apostrophe, so a nickname such as `=HYPERLINK(…)` stays text in Excel.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): Buffer {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
