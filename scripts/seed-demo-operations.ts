import { Readable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { Database, RequestContext } from '@app/core';
import { ApprovalDecisionsService } from '../src/modules/approvals/approval-decisions.service.js';
import { LoanMedium } from '../src/modules/documents/document-loan.enums.js';
import { DocumentLifecycleService } from '../src/modules/documents/document-lifecycle.service.js';
import { DocumentLoansService } from '../src/modules/documents/document-loans.service.js';
import { DocumentSharesService } from '../src/modules/documents/document-shares.service.js';
import { Confidentiality, DocumentKind } from '../src/modules/documents/document.enums.js';
import { DocumentsService } from '../src/modules/documents/documents.service.js';
import { FilesService } from '../src/modules/documents/files.service.js';
import { Kpi, KpiMeasure } from '../src/modules/performance/kpi.enums.js';
import { KpiTargetsService } from '../src/modules/performance/kpi-targets.service.js';
import { day, type ActAs, type DemoSlice } from './seed-demo-commercial.js';
import type { DemoPerson } from './seed-demo-work.js';

/** A small PDF (the documents module reads the type from the first bytes). */
const pdf = (title: string): Buffer =>
  Buffer.from(
    `%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n` +
      `% ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );

/** An upload as `who`: it commits its own transaction (the object and its row stand or fall together), as over HTTP. */
export function demoUpload(app: INestApplicationContext, who: DemoPerson, kind: DocumentKind, name: string) {
  const files = app.get(FilesService);
  const scope = { branchIds: [who.branchId], userId: who.id, ownOnly: who.role === 'SALES_REP' };
  const actor = { userId: who.id, organizationId: '', role: who.role, headOffice: who.headOffice };
  const ctx = new RequestContext((s) => app.get(Database).begin(s), actor, scope);
  const target = files.prepareUpload(ctx, { kind });
  return files.upload(ctx, target, { name, stream: Readable.from([pdf(name)]) });
}

/**
 * The demo's operations slices: this month's sales targets (head office) split over the rep (the branch manager),
 * and the documents flow in every branch: an issued notice, a loan of its original waiting for the department head,
 * an NDA with a customer and the notice shared under it. Through the services, as the API would have done it.
 */
export function operationsSlices(app: INestApplicationContext, as: ActAs, leader: DemoPerson): DemoSlice[] {
  const targets = app.get(KpiTargetsService);
  const documents = app.get(DocumentsService);
  const lifecycle = app.get(DocumentLifecycleService);
  const loans = app.get(DocumentLoansService);
  const shares = app.get(DocumentSharesService);
  const approvals = app.get(ApprovalDecisionsService);
  const month = day(0).slice(0, 7);

  const uploadAs = (who: DemoPerson, kind: DocumentKind, name: string) => demoUpload(app, who, kind, name);
  const pendingStep = (requestId: string | null) =>
    as(leader, async (ctx) => {
      const rows = await (
        await ctx.tx()
      ).query<{ id: string }>(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [
        requestId,
      ]);
      return rows[0].id;
    });

  const targetSlice: DemoSlice = {
    table: 'kpi_targets',
    async seed({ id: branchId, manager: m, rep: r }) {
      await as(leader, (ctx) =>
        targets.setTarget(ctx, {
          branchId,
          kpi: Kpi.CONTRACTS_SIGNED,
          measure: KpiMeasure.AMOUNT,
          period: month,
          target: '500000.00',
        }),
      );
      await as(leader, (ctx) =>
        targets.setTarget(ctx, {
          branchId,
          kpi: Kpi.SALES_AMOUNT,
          measure: KpiMeasure.AMOUNT,
          period: month,
          target: '800000.00',
        }),
      );
      await as(leader, (ctx) =>
        targets.setTarget(ctx, {
          branchId,
          kpi: Kpi.VALID_LEADS,
          measure: KpiMeasure.COUNT,
          period: month,
          target: '12',
        }),
      );
      await as(m, (ctx) =>
        targets.split(ctx, {
          kpi: Kpi.CONTRACTS_SIGNED,
          measure: KpiMeasure.AMOUNT,
          period: month,
          personId: r.id,
          target: '300000.00',
        }),
      );
    },
  };

  const documentSlice: DemoSlice = {
    table: 'documents',
    async seed({ code, manager: m, rep: r, legal: l, customers }) {
      const file = await uploadAs(r, DocumentKind.NOTICE, `${code} price list notice.pdf`);
      const doc = await as(r, (ctx) =>
        documents.create(ctx, {
          kind: DocumentKind.NOTICE,
          title: `${code} 2027 price list (价格表通知)`,
          confidentiality: Confidentiality.INTERNAL,
          fileId: file.id,
        }),
      );
      const submitted = await as(r, (ctx) => lifecycle.submit(ctx, doc.id));
      await as(m, async (ctx) => approvals.approve(ctx, await pendingStep(submitted.approvalRequestId), 'Issue it'));
      await as(r, (ctx) =>
        loans.request(ctx, {
          documentId: doc.id,
          medium: LoanMedium.PHYSICAL,
          purpose: 'Customer visit: show the stamped original',
          workingDays: 3,
        }),
      );
      const scan = await uploadAs(l, DocumentKind.AGREEMENT, `${code} NDA signed.pdf`);
      const nda = await as(l, (ctx) =>
        shares.recordNda(ctx, {
          counterparty: Object.keys(customers)[0] ?? 'Customer',
          counterpartyContact: 'Li (purchasing)',
          signedOn: day(-20),
          expiresOn: day(345),
          fileId: scan.id,
        }),
      );
      await as(l, (ctx) =>
        shares.share(ctx, {
          documentId: doc.id,
          ndaId: nda.id,
          recipient: `Li, purchasing of ${Object.keys(customers)[0] ?? 'the customer'}`,
          purpose: 'Price list for the 2027 framework agreement',
          days: 7,
        }),
      );
    },
  };

  return [targetSlice, documentSlice];
}
