import { Module } from '@nestjs/common';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { ContractsModule } from '../contracts/contracts.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { STATISTICS_REF_RESOLVERS } from './statistics-refs.resolver.js';
import { StatisticsController } from './statistics.controller.js';
import { StatisticsResolver } from './statistics.resolver.js';
import { StatisticsService } from './statistics.service.js';

/** Finance statistics (issue 12): purchase/sales and target-customer statistics, as queries and downloads. */
@Module({
  imports: [BranchesCoreModule, ContractsModule, CustomersModule],
  controllers: [StatisticsController],
  providers: [StatisticsService, StatisticsResolver, ...STATISTICS_REF_RESOLVERS],
})
export class StatisticsModule {}
