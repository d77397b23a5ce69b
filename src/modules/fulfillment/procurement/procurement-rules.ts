import { ConflictError } from '@app/core';

/** Human procurement request numbers: the branch code, the year and a gap-free sequence. */
export const PROCUREMENT_REQUEST_NUMBER_RULE = 'PR-{BRANCH}-{YYYY}-{NNNN}';

/** Human purchase contract numbers (采购合同): the branch code, the year and a gap-free sequence. */
export const PURCHASE_CONTRACT_NUMBER_RULE = 'PC-{BRANCH}-{YYYY}-{NNNN}';

/** The approval subject of a purchase contract's review (default policy: finance, then the branch manager above a band). */
export const PURCHASE_CONTRACT_SUBJECT = 'PURCHASE_CONTRACT';

/** A conflict a client can act on: a stable `reason` and the values that explain it, in `extensions`. */
export class ProcurementConflict extends ConflictError {
  constructor(
    readonly reason: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  override get extensions(): Record<string, unknown> {
    return { reason: this.reason, ...this.details };
  }
}

/** A supplier already has a request for quotation of this procurement request. */
export const alreadyAsked = (vendorId: string, code: string) =>
  new ProcurementConflict(
    'ALREADY_ASKED',
    `Supplier ${code} was already asked to quote for this request: record or revise its offer instead`,
    { vendorId },
  );

/** An offer whose last valid day is before the branch's today cannot be awarded. */
export const offerExpired = (requestLineId: string, validUntil: string, today: string) =>
  new ProcurementConflict(
    'OFFER_EXPIRED',
    `The offer for request line ${requestLineId} held until ${validUntil} and today is ${today}: ask the supplier ` +
      `to renew it (record its revised offer) before awarding`,
    { requestLineId, validUntil },
  );

/** A request line is already on a purchase contract that is not cancelled. */
export const alreadyAwarded = (requestLineId: string, contractNumber: string) =>
  new ProcurementConflict(
    'ALREADY_AWARDED',
    `Request line ${requestLineId} is already on purchase contract ${contractNumber}: cancel that contract first`,
    { requestLineId, contractNumber },
  );

/** A deposit below what the contract asks for. */
export const depositShort = (due: string, given: string) =>
  new ProcurementConflict(
    'DEPOSIT_SHORT',
    `The contract asks for a deposit of ${due}; ${given} does not cover it: record the deposit once it is paid in full`,
    { due, given },
  );

/** A request with live purchase contracts is not cancelled. */
export const contractsAlive = (numbers: string[]) =>
  new ProcurementConflict(
    'CONTRACTS_ALIVE',
    `The request has purchase contracts that are not cancelled (${numbers.join(', ')}): cancel them first`,
    { contractNumbers: numbers },
  );
