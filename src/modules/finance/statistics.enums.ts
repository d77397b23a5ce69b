import { registerEnumType } from '@nestjs/graphql';

export enum StatisticsPeriod {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

registerEnumType(StatisticsPeriod, {
  name: 'StatisticsPeriod',
  description: 'The period a purchase/sales statistic adds up over',
  valuesMap: {
    WEEK: { description: 'ISO weeks, Monday to Sunday (周报)' },
    MONTH: { description: 'Calendar months (月报)' },
  },
});
