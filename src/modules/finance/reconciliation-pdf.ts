import PDFDocument from 'pdfkit';
import { fromCents, toCents } from '@app/core';
import type { ReconciliationLine, ReconciliationStatement } from './reconciliation.entity.js';
import { StatementLineKind } from './reconciliation.enums.js';

/** What the printed statement names besides its own rows. */
export interface StatementParties {
  branchName: string;
  customerName: string;
}

const KIND_LABEL: Record<StatementLineKind, string> = {
  INVOICE: 'Invoice',
  CREDIT_NOTE: 'Credit note',
  RECEIPT: 'Payment received',
};

/** Printable with the built-in font: anything outside Latin-1 becomes "?" (names in Chinese need a CJK font). */
const latin1 = (s: string) => s.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/**
 * The statement as a PDF the customer signs (or marks disputed lines on), streamed as it is drawn. Labels are
 * English; names print as they are with a CJK font (RECONCILIATION_PDF_FONT), as Latin-1 with "?" without one.
 */
export function statementPdf(
  s: ReconciliationStatement,
  lines: readonly ReconciliationLine[],
  parties: StatementParties,
  font: string | null,
): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Statement ${s.periodEnd}` } });
  let text = latin1;
  if (font) {
    const [path, face] = font.split('#');
    doc.registerFont('body', path, face);
    doc.font('body');
    text = (v: string) => v;
  }
  const money = (c: bigint) => fromCents(c);
  doc.fontSize(16).text('Account reconciliation statement', { align: 'center' });
  doc.moveDown(0.5).fontSize(10);
  doc.text(`From: ${text(parties.branchName)}`);
  doc.text(`To: ${text(parties.customerName)}`);
  doc.text(`Period: ${s.periodStart} to ${s.periodEnd}    Currency: ${s.currency}`);
  doc.text(`Statement: ${s.id}`);
  doc.moveDown();
  const cols = [50, 130, 230, 390, 470];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    if (bold) doc.fontSize(10);
    cells.forEach((c, i) =>
      doc.text(c, cols[i], y, { width: (cols[i + 1] ?? 545) - cols[i] - 6, align: i >= 3 ? 'right' : 'left' }),
    );
    doc.x = 50;
    doc.moveDown(0.3);
  };
  row(['Date', 'Item', 'Reference', 'Debit', 'Credit'], true);
  row(['', 'Opening balance', '', s.opening, '']);
  for (const l of lines) {
    const c = toCents(l.amount);
    row([l.day, KIND_LABEL[l.kind], text(l.reference), c > 0n ? money(c) : '', c < 0n ? money(-c) : '']);
  }
  doc.moveDown();
  row(['', 'Invoiced', '', s.invoiced, '']);
  row(['', 'Credit notes', '', '', s.credited]);
  row(['', 'Received', '', '', s.received]);
  row(['', 'Closing balance', '', s.closing, ''], true);
  doc.moveDown(2);
  doc.text(
    `We confirm that on ${s.periodEnd} we owed ${s.closing} ${s.currency} as stated above. If any line is not ` +
      'correct, mark it and give the reason below.',
    50,
    doc.y,
    { width: 495 },
  );
  doc.moveDown(2);
  doc.text('Disputed lines and reasons: ____________________________________________');
  doc.moveDown(2);
  doc.text('Signature and company seal: ______________________    Date: ______________');
  doc.end();
  return doc;
}
