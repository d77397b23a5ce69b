import { Module } from '@nestjs/common';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { CatalogueService } from './catalogue.service.js';

/**
 * The product catalogue on its own, for the modules fulfillment itself builds on (contracts' quotes, orders): they
 * read products and prices here without importing FulfillmentModule, which imports them.
 */
@Module({ imports: [BranchesCoreModule], providers: [CatalogueService], exports: [CatalogueService] })
export class CatalogueModule {}
