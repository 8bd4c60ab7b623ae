/** Plain-text tables for the bench's report: columns padded to their widest cell. */

export interface Column {
  readonly title: string;
  /** Right-aligned (numbers) unless 'left'. */
  readonly align?: 'left' | 'right';
}

export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, c) => Math.max(column.title.length, ...rows.map((row) => (row[c] ?? '').length)));
  const pad = (text: string, c: number) =>
    columns[c]!.align === 'left' ? text.padEnd(widths[c]!) : text.padStart(widths[c]!);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => pad(cell, c))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((column) => column.title)),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ].join('\n');
}

const missing = '—';

export function decimals(value: number | null | undefined, places: number): string {
  return value === null || value === undefined || Number.isNaN(value) ? missing : value.toFixed(places);
}

export function megabytes(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? missing : (bytes / (1024 * 1024)).toFixed(1);
}

/** Milliseconds with precision that suits their size: 0.042, 3.21, 1874. */
export function milliseconds(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return missing;
  if (ms < 1) return ms.toFixed(3);
  if (ms < 100) return ms.toFixed(2);
  return ms.toFixed(0);
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}
