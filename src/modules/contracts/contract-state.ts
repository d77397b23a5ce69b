import { InvalidStateError } from '@app/core';

/** Where a contract is in its life (DOMAIN.md section 4). */
export enum ContractState {
  DRAFT = 'DRAFT',
  LEGAL_REVIEW = 'LEGAL_REVIEW',
  NEGOTIATION = 'NEGOTIATION',
  APPROVAL = 'APPROVAL',
  APPROVED = 'APPROVED',
  SIGNED = 'SIGNED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  TERMINATED = 'TERMINATED',
}

/** What moves a contract; each is one edge (or a few) of the table below. */
export type ContractTransition =
  | 'SEND_TO_LEGAL'
  | 'LEGAL_APPROVED'
  | 'LEGAL_RETURNED'
  | 'TERMS_CHANGED'
  | 'SUBMIT_FOR_APPROVAL'
  | 'APPROVAL_APPROVED'
  | 'APPROVAL_RETURNED'
  | 'APPROVAL_REJECTED'
  | 'APPROVAL_WITHDRAWN'
  | 'SIGN'
  | 'ACTIVATE'
  | 'COMPLETE'
  | 'TERMINATE';

const S = ContractState;

/**
 * The allowed transitions. Legal review is an approval request (subject LEGAL_REVIEW) decided by the
 * branch's legal reviewer: only its APPROVED decision opens negotiation (LEGAL_APPROVED); returned,
 * rejected or withdrawn, the application goes back to DRAFT (LEGAL_RETURNED). A material change of the
 * terms in NEGOTIATION voids the legal approval and sends the contract back to DRAFT (TERMS_CHANGED), so
 * what is submitted for internal approval is always what legal approved. Back-edges: an approval that is RETURNED (asks for changes) or WITHDRAWN
 * (the requester pulls it back) goes back to NEGOTIATION, where the terms can change and be
 * resubmitted; a REJECTED approval sends the application back to DRAFT, so the changed content
 * passes legal review again. SIGN is reachable only from APPROVED, which only the approval engine's
 * decision sets. TERMINATE ends a SIGNED or ACTIVE contract.
 */
export const TRANSITIONS: Readonly<Record<ContractTransition, { from: readonly ContractState[]; to: ContractState }>> =
  {
    SEND_TO_LEGAL: { from: [S.DRAFT], to: S.LEGAL_REVIEW },
    LEGAL_APPROVED: { from: [S.LEGAL_REVIEW], to: S.NEGOTIATION },
    LEGAL_RETURNED: { from: [S.LEGAL_REVIEW], to: S.DRAFT },
    TERMS_CHANGED: { from: [S.NEGOTIATION], to: S.DRAFT },
    SUBMIT_FOR_APPROVAL: { from: [S.NEGOTIATION], to: S.APPROVAL },
    APPROVAL_APPROVED: { from: [S.APPROVAL], to: S.APPROVED },
    APPROVAL_RETURNED: { from: [S.APPROVAL], to: S.NEGOTIATION },
    APPROVAL_REJECTED: { from: [S.APPROVAL], to: S.DRAFT },
    APPROVAL_WITHDRAWN: { from: [S.APPROVAL], to: S.NEGOTIATION },
    SIGN: { from: [S.APPROVED], to: S.SIGNED },
    ACTIVATE: { from: [S.SIGNED], to: S.ACTIVE },
    COMPLETE: { from: [S.ACTIVE], to: S.COMPLETED },
    TERMINATE: { from: [S.SIGNED, S.ACTIVE], to: S.TERMINATED },
  };

/** States before signing: special terms may be submitted for approval, risks are being worked on. */
export const PRE_SIGNING_STATES: readonly ContractState[] = [
  S.DRAFT,
  S.LEGAL_REVIEW,
  S.NEGOTIATION,
  S.APPROVAL,
  S.APPROVED,
];

/** States whose terms may still be edited in place (after signing, changes are amendments). */
export const EDITABLE_STATES: readonly ContractState[] = [S.DRAFT, S.NEGOTIATION];

/** States in which a signed contract may be amended. */
export const AMENDABLE_STATES: readonly ContractState[] = [S.SIGNED, S.ACTIVE];

/** States from which a successor contract may be created. */
export const RENEWABLE_STATES: readonly ContractState[] = [S.SIGNED, S.ACTIVE, S.COMPLETED];

/** The state a transition leads to from `from`, or null when the transition is not allowed there. */
export function nextState(from: ContractState, transition: ContractTransition): ContractState | null {
  const t = TRANSITIONS[transition];
  return t.from.includes(from) ? t.to : null;
}

/** Guard: the target state, or INVALID_STATE naming the current state and the one that was wanted. */
export function transition(from: ContractState, t: ContractTransition): ContractState {
  const to = nextState(from, t);
  if (to === null) {
    const target = TRANSITIONS[t].to;
    const allowed = TRANSITIONS[t].from.join(' or ');
    throw new InvalidStateError(
      `A contract cannot move from ${from} to ${target} (${t.toLowerCase().replace(/_/g, ' ')} needs ${allowed})`,
    );
  }
  return to;
}
