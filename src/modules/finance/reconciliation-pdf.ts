import PDFDocument from 'pdfkit';
import { fromCents, toCents } from '@app/core';
import type { ReconciliationLine, ReconciliationStatement } from './reconciliation.entity.js';
import { StatementCadence, StatementLineKind } from './reconciliation.enums.js';

/** What the printed statement names besides its own rows. */
export interface StatementParties {
  branchName: string;
  customerName: string;
}

/** Labels in Chinese and English: both print with a CJK font, the English alone without one. */
const KIND_LABEL: Record<StatementLineKind, [string, string]> = {
  INVOICE: ['发票', 'Invoice'],
  CREDIT_NOTE: ['红字发票', 'Credit note'],
  RECEIPT: ['回款', 'Payment received'],
};

/** Printable with the built-in font: anything outside Latin-1 becomes "?" (names in Chinese need a CJK font). */
const latin1 = (s: string) => s.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/**
 * The statement as a PDF the customer signs (or marks disputed lines on), streamed as it is drawn; a partner's monthly
 * one adds the rebate (返利) lines. With a CJK font (RECONCILIATION_PDF_FONT) labels print in Chinese and English and
 * names as they are; without one, labels in English and names as Latin-1 with "?".
 */
export function statementPdf(
  s: ReconciliationStatement,
  lines: readonly ReconciliationLine[],
  parties: StatementParties,
  font: string | null,
): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Statement ${s.periodEnd}` } });
  let text = latin1;
  let label = ([, en]: readonly [string, string]) => en;
  if (font) {
    const [path, face] = font.split('#');
    doc.registerFont('body', path, face);
    doc.font('body');
    text = (v: string) => v;
    label = ([zh, en]) => `${zh} ${en}`;
  }
  const money = (c: bigint) => fromCents(c);
  const monthly = s.cadence === StatementCadence.MONTH;
  doc
    .fontSize(16)
    .text(
      label(monthly ? ['渠道月度对账单', 'Partner monthly statement'] : ['对账单', 'Account reconciliation statement']),
      {
        align: 'center',
      },
    );
  doc.moveDown(0.5).fontSize(10);
  doc.text(`${label(['对账方', 'From'])}: ${text(parties.branchName)}`);
  doc.text(`${label(['客户', 'To'])}: ${text(parties.customerName)}`);
  doc.text(
    `${label(['期间', 'Period'])}: ${s.periodStart} - ${s.periodEnd}    ${label(['币种', 'Currency'])}: ${s.currency}`,
  );
  doc.text(`${label(['单据', 'Statement'])}: ${s.id}`);
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
  row(
    [
      label(['日期', 'Date']),
      label(['项目', 'Item']),
      label(['单号', 'Reference']),
      label(['借方', 'Debit']),
      label(['贷方', 'Credit']),
    ],
    true,
  );
  row(['', label(['期初余额', 'Opening balance']), '', s.opening, '']);
  for (const l of lines) {
    const c = toCents(l.amount);
    row([l.day, label(KIND_LABEL[l.kind]), text(l.reference), c > 0n ? money(c) : '', c < 0n ? money(-c) : '']);
  }
  doc.moveDown();
  row(['', label(['本期开票', 'Invoiced']), '', s.invoiced, '']);
  row(['', label(['红字发票', 'Credit notes']), '', '', s.credited]);
  row(['', label(['本期回款', 'Received']), '', '', s.received]);
  row(['', label(['期末余额', 'Closing balance']), '', s.closing, ''], true);
  if (monthly) {
    doc.moveDown();
    row(['', label(['返利基数', 'Rebate base']), '', s.rebateBase ?? '', '']);
    row(['', label(['返利比例 %', 'Rebate rate %']), '', s.rebateRate ?? '', '']);
    row(['', label(['返利金额', 'Rebate']), '', s.rebateAmount ?? '', ''], true);
    if (!s.rebateAgreementId) {
      doc.text(
        label(['本月无覆盖整月的返利协议，无返利。', 'No agreement covers the whole month: no rebate.']),
        50,
        doc.y,
        {
          width: 495,
        },
      );
    }
    doc.text(
      label(['返利不计入期末余额。', 'The rebate is stated here and is not part of the closing balance.']),
      50,
      doc.y,
      { width: 495 },
    );
  }
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
