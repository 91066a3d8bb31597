/** Plain-text tables for the terminal that are Markdown tables too (RESULTS.md quotes them). */

const NUMBER_LIKE = /^(-?[\d.]+(×|%| ms| MB| s)?|—)$/;

/**
 * Columns whose every cell looks like a number are right-aligned.
 * @param {string[]} headers
 * @param {(string | number)[][]} rows
 */
export function formatTable(headers, rows) {
  const cells = rows.map((row) => row.map(String));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const numeric = headers.map((_, column) => cells.every((row) => NUMBER_LIKE.test(row[column] ?? '')));
  const line = (/** @type {string[]} */ row) =>
    `| ${row
      .map((cell, column) =>
        numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join(' | ')} |`;
  const rule = `|${widths
    .map((width, column) => (numeric[column] ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2)))
    .join('|')}|`;
  return [line(headers), rule, ...cells.map(line)].join('\n');
}

/** A number with fixed decimals, or `—` when there is none. @param {number | null | undefined} value */
export function fixed(value, digits = 1) {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** @param {number} bytes */
export function megabytes(bytes) {
  return fixed(bytes / (1024 * 1024), 0);
}
