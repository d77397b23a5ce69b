import { registerEnumType } from '@nestjs/graphql';

/** A tier as the pure cadence rules take it (the enum's values). */
export type CustomerTier = 'HIGH' | 'MEDIUM' | 'LOW';

export enum CustomerTierEnum {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}
registerEnumType(CustomerTierEnum, {
  name: 'CustomerTier',
  description: 'Value tier; sets how often the customer must be contacted',
  valuesMap: {
    HIGH: {
      description:
        "High value (purchases above the branch's high threshold, default 1,000,000): contact weekly, with a dedicated account manager",
    },
    LOW: { description: 'Low value: contact monthly' },
    MEDIUM: { description: 'Medium value (above the medium threshold, default 200,000): contact twice a month' },
  },
});

export enum CustomerStatusEnum {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(CustomerStatusEnum, {
  name: 'CustomerStatus',
  description: 'Whether a customer is worked or kept for the record',
  valuesMap: {
    ACTIVE: { description: 'Worked: contact cadence and reminders apply' },
    ARCHIVED: { description: 'Kept for the record; no reminders' },
  },
});

export enum ContactChannelEnum {
  VISIT = 'VISIT',
  PHONE = 'PHONE',
  VIDEO = 'VIDEO',
  EMAIL = 'EMAIL',
  MESSAGE = 'MESSAGE',
  OTHER = 'OTHER',
}
registerEnumType(ContactChannelEnum, {
  name: 'ContactChannel',
  description: 'How a customer was contacted',
  valuesMap: {
    EMAIL: { description: 'E-mail' },
    MESSAGE: { description: 'Instant message (WeChat, DingTalk, ...)' },
    OTHER: { description: 'Any other way' },
    PHONE: { description: 'Telephone call' },
    VIDEO: { description: 'Video call' },
    VISIT: { description: 'Face to face' },
  },
});
