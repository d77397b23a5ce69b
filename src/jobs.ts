import type { JobDef } from '@app/jobs';
import { approvalJobs } from './modules/approvals/approval.job-catalogue.js';
import { complaintJobs } from './modules/complaints/complaint.job-catalogue.js';
import { contractJobs } from './modules/contracts/contract.job-catalogue.js';
import { quoteJobs } from './modules/contracts/quote.job-catalogue.js';
import { customerJobs } from './modules/customers/customer.job-catalogue.js';
import { tenderJobs } from './modules/tenders/tender.job-catalogue.js';
import { tieringJobs } from './modules/customers/tiering.job-catalogue.js';
import { channelJobs } from './modules/channels/channel.job-catalogue.js';
import { researchJobs } from './modules/market-research/research.job-catalogue.js';
import { visitJobs } from './modules/visits/visit.job-catalogue.js';
import { performanceJobs } from './modules/performance/performance.job-catalogue.js';
import { appraisalJobs } from './modules/performance/appraisal.job-catalogue.js';
import { meetingJobs } from './modules/performance/meeting.job-catalogue.js';
import { orderJobs } from './modules/orders/order.job-catalogue.js';
import { documentJobs } from './modules/documents/documents.job-catalogue.js';
import { rmaJobs } from './modules/fulfillment/rma.job-catalogue.js';
import { procurementJobs } from './modules/fulfillment/procurement/procurement.job-catalogue.js';
import { reconciliationJobs } from './modules/finance/reconciliation.job-catalogue.js';
import { returnJobs } from './modules/fulfillment/returns/return.job-catalogue.js';

/** The job catalogue: the worker refuses to start if any of these lacks a handler or has two. */
export const allJobs: JobDef<unknown>[] = [
  ...Object.values(customerJobs),
  ...Object.values(approvalJobs),
  ...Object.values(contractJobs),
  ...Object.values(tenderJobs),
  ...Object.values(quoteJobs),
  ...Object.values(tieringJobs),
  ...Object.values(channelJobs),
  ...Object.values(researchJobs),
  ...Object.values(visitJobs),
  ...Object.values(complaintJobs),
  ...Object.values(performanceJobs),
  ...Object.values(appraisalJobs),
  ...Object.values(meetingJobs),
  ...Object.values(orderJobs),
  ...Object.values(documentJobs),
  ...Object.values(rmaJobs),
  ...Object.values(procurementJobs),
  ...Object.values(reconciliationJobs),
  ...Object.values(returnJobs),
] as JobDef<unknown>[];
