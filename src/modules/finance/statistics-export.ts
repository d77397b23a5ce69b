import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { PurchaseStatistic } from './statistics.types.js';

export type ExportLanguage = 'zh' | 'en';
export type ExportFormat = 'csv' | 'xlsx';

/** One column of an export: its titles (Chinese first: the finance department's language) and its cell. */
interface Column {
  zh: string;
  en: string;
  cell: (r: PurchaseStatistic) => string | number;
  /** An exact decimal: in XLSX a number cell (its text is the decimal itself), in CSV the decimal text. */
  decimal?: boolean;
}

const COLUMNS: Column[] = [
  { zh: '周期开始', en: 'Period start', cell: (r) => r.periodStart },
  { zh: '周期结束', en: 'Period end', cell: (r) => r.periodEnd },
  { zh: '分公司', en: 'Branch', cell: (r) => r.branchCode },
  { zh: '客户', en: 'Customer', cell: (r) => r.customerName },
  { zh: '客户等级', en: 'Tier', cell: (r) => r.tier },
  { zh: '重点客户', en: 'Target customer', cell: (r) => (r.target ? 'Y' : 'N') },
  { zh: '签约合同数', en: 'Contracts signed', cell: (r) => r.contracts },
  { zh: '签约金额', en: 'Amount', cell: (r) => r.amount, decimal: true },
  { zh: '币种', en: 'Currency', cell: (r) => r.currency },
];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** RFC 4180 quoting, and a leading = + - @ made inert so a spreadsheet never runs a customer's name as a formula. */
export function csvField(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes, respecting backpressure: waits for 'drain' when the socket's buffer is full. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** A CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese titles; CRLF lines) written page by page. */
export async function writeCsv(out: Writable, pages: AsyncIterable<PurchaseStatistic[]>, lang: ExportLanguage) {
  await write(out, `\uFEFF${COLUMNS.map((c) => csvField(c[lang])).join(',')}\r\n`);
  for await (const rows of pages) {
    await write(out, rows.map((r) => `${COLUMNS.map((c) => csvField(c.cell(r))).join(',')}\r\n`).join(''));
  }
  out.end();
  await once(out, 'finish');
}

/**
 * An XLSX through exceljs's streaming WorkbookWriter: each row is committed (written to the zip stream) at once, so
 * the workbook never holds more than the row being written. Amounts of at most 15 significant digits are number
 * cells (the file holds their decimal text exactly); longer ones stay text, which a double could not hold.
 */
export async function writeXlsx(out: Writable, pages: AsyncIterable<PurchaseStatistic[]>, lang: ExportLanguage) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(lang === 'zh' ? '购销统计' : 'Purchases');
  sheet.columns = COLUMNS.map((c) => ({
    header: c[lang],
    key: c.en,
    width: c.decimal ? 18 : 14,
    style: c.decimal ? { numFmt: '#,##0.00' } : {},
  }));
  for await (const rows of pages) {
    for (const r of rows) {
      sheet
        .addRow(
          COLUMNS.map((c) => {
            const v = c.cell(r);
            return c.decimal && String(v).replace(/[-.]/g, '').length <= 15 ? Number(v) : v;
          }),
        )
        .commit();
    }
  }
  sheet.commit();
  await book.commit();
}
