import { registerEnumType } from '@nestjs/graphql';

export enum PartnerKind {
  DISTRIBUTOR = 'DISTRIBUTOR',
  AGENT = 'AGENT',
  ECOMMERCE_PLATFORM = 'ECOMMERCE_PLATFORM',
  DIRECT_STORE = 'DIRECT_STORE',
}
registerEnumType(PartnerKind, {
  name: 'PartnerKind',
  description: 'The kind of channel (DOMAIN.md section 3)',
  valuesMap: {
    AGENT: { description: 'Agent (代理商): sells on our behalf' },
    DIRECT_STORE: { description: 'Our own direct store' },
    DISTRIBUTOR: { description: 'Distributor (经销商): buys and resells' },
    ECOMMERCE_PLATFORM: { description: 'E-commerce platform or online store' },
  },
});

export enum PartnerStatus {
  CANDIDATE = 'CANDIDATE',
  NEGOTIATING = 'NEGOTIATING',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  ENDED = 'ENDED',
}
registerEnumType(PartnerStatus, {
  name: 'PartnerStatus',
  description: 'CANDIDATE (found), NEGOTIATING (terms), ACTIVE (working with us), SUSPENDED, ENDED',
  valuesMap: {
    ACTIVE: { description: 'Working with us' },
    CANDIDATE: { description: 'Found, not yet approached' },
    ENDED: { description: 'Relationship ended' },
    NEGOTIATING: { description: 'Negotiating cooperation terms' },
    SUSPENDED: { description: 'Cooperation paused' },
  },
});

export enum PartnerTier {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
registerEnumType(PartnerTier, {
  name: 'PartnerTier',
  description: 'From the evaluation score: A is best',
  valuesMap: {
    A: { description: 'Best evaluated' },
    B: { description: 'Good' },
    C: { description: 'Fair' },
    D: { description: 'Weakest' },
  },
});

export enum AgreementStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: 'ACTIVE until the day after its end (then EXPIRED, by the worker) or until TERMINATED early',
  valuesMap: {
    ACTIVE: { description: 'In force' },
    EXPIRED: { description: 'Past its last day (set by the worker)' },
    TERMINATED: { description: 'Ended early, with a reason' },
  },
});

export enum DisputeState {
  OPENED = 'OPENED',
  HANDLING = 'HANDLING',
  CLOSED = 'CLOSED',
}
registerEnumType(DisputeState, {
  name: 'DisputeState',
  description: 'OPENED -> HANDLING -> CLOSED (with a resolution)',
  valuesMap: {
    CLOSED: { description: 'Settled, with a resolution' },
    HANDLING: { description: 'Someone handles it' },
    OPENED: { description: 'Logged, nobody on it yet' },
  },
});

export enum SupportKind {
  TRAINING = 'TRAINING',
  TECHNICAL_SUPPORT = 'TECHNICAL_SUPPORT',
  MARKETING_SUPPORT = 'MARKETING_SUPPORT',
  RESOURCES = 'RESOURCES',
}
registerEnumType(SupportKind, {
  name: 'SupportKind',
  description: 'What the branch gave a partner',
  valuesMap: {
    MARKETING_SUPPORT: { description: 'Marketing support (materials, campaigns)' },
    RESOURCES: { description: 'Resources (samples, demo units, funds)' },
    TECHNICAL_SUPPORT: { description: 'Technical support' },
    TRAINING: { description: 'Training' },
  },
});
