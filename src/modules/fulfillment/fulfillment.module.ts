import { Module } from '@nestjs/common';
import { describeConstraint } from '@app/core';
import { ApprovalsCoreModule } from '../approvals/approvals.module.js';
import { BranchesCoreModule } from '../branches/branches.module.js';
import { CustomersModule } from '../customers/customers.module.js';
import { NotificationsCoreModule } from '../notifications/notifications.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { FULFILLMENT_REF_RESOLVERS } from './fulfillment-refs.resolver.js';
import { CatalogueResolver } from './catalogue.resolver.js';
import { CatalogueModule } from './catalogue.module.js';
import { StockCountLineResolver, StockCountsResolver } from './stock-counts.resolver.js';
import { StockCountsService } from './stock-counts.service.js';
import { PurchaseOrderLineResolver, PurchaseOrdersResolver } from './purchase-orders.resolver.js';
import { PurchaseOrdersService } from './purchase-orders.service.js';
import { PurchaseReceiptsService } from './purchase-receipts.service.js';
import { RmaJobs } from './rma.jobs.js';
import { RmaResolver } from './rma.resolver.js';
import { RmaSettingsService } from './rma-settings.service.js';
import { RmasService } from './rmas.service.js';
import { ProcurementJobs } from './procurement/procurement.jobs.js';
import { PROCUREMENT_RESOLVERS } from './procurement/procurement.resolver.js';
import { ProcurementRequestsService } from './procurement/procurement-requests.service.js';
import { SupplierQuotationsService } from './procurement/supplier-quotations.service.js';
import { PurchaseContractReceiptsService } from './procurement/purchase-contract-receipts.service.js';
import { PurchaseContractsService } from './procurement/purchase-contracts.service.js';
import { PURCHASE_CONTRACT_RESOLVERS } from './procurement/purchase-contracts.resolver.js';
import { DepositRefundsService } from './procurement/deposit-refunds.service.js';
import { DEPOSIT_REFUND_RESOLVERS } from './procurement/deposit-refunds.resolver.js';
import { IssuedTendersService } from './procurement/issued-tenders.service.js';
import { IssuedTenderBidsService } from './procurement/issued-tender-bids.service.js';
import { IssuedTenderAwardService } from './procurement/issued-tender-award.service.js';
import { ISSUED_TENDER_RESOLVERS } from './procurement/issued-tenders.resolver.js';
import { PurchaseFeedService } from './returns/purchase-feed.service.js';
import { ReturnProcessingService } from './returns/return-processing.service.js';
import { ReturnReportService } from './returns/return-report.service.js';
import { GoodsReturnLineResolver, RETURN_REF_RESOLVERS, ReturnsResolver } from './returns/returns.resolver.js';
import { ReturnsService } from './returns/returns.service.js';
import { ShipmentLineResolver, ShipmentsResolver } from './shipments.resolver.js';
import { ShipmentDeliveryService } from './shipment-delivery.service.js';
import { ShipmentsService } from './shipments.service.js';
import { StockMovementResolver, StockResolver } from './stock.resolver.js';
import { StockService } from './stock.service.js';
import { VendorProductResolver, VendorsResolver } from './vendors.resolver.js';
import { VendorsService } from './vendors.service.js';

describeConstraint('products_code_key', 'A product with this code is already in the catalogue');
describeConstraint('vendors_code_key', 'A vendor with this code is already recorded');
describeConstraint('warehouse_locations_code_key', 'The branch already has a location with this code');
describeConstraint('branch_product_prices_key', 'The branch price was set at the same moment by someone else: retry');
describeConstraint('shipment_lines_key', 'The shipment names this order line twice');
describeConstraint('purchase_order_lines_key', 'The purchase order names this order line twice');
describeConstraint('goods_return_lines_key', 'The return names this shipment line twice');
describeConstraint('vendor_products_key', 'The supply was recorded at the same moment by someone else: retry');
describeConstraint('procurement_request_lines_key', 'The procurement request names this product twice');
describeConstraint('purchase_contract_lines_key', 'The purchase contract names this request line twice');
describeConstraint('supplier_quotations_key', 'The supplier was asked to quote for this request at the same moment');

/**
 * Fulfillment (订单执行), first slice: the product catalogue and makers/suppliers (organization rows head office
 * keeps), branch prices, and the warehouse (locations, stock, movements). Shipments, purchase orders, RMA and
 * returns build on StockService.receive / issue. Returns
 * and exchanges live in returns/ (request, checks, leadership's note, processing; tiering fed by acceptance).
 */
@Module({
  imports: [BranchesCoreModule, ApprovalsCoreModule, CustomersModule, OrdersModule, DocumentsModule, CatalogueModule],
  providers: [
    VendorsService,
    StockService,
    ShipmentsService,
    ShipmentDeliveryService,
    CatalogueResolver,
    VendorsResolver,
    VendorProductResolver,
    StockResolver,
    StockMovementResolver,
    ShipmentsResolver,
    ShipmentLineResolver,
    ...FULFILLMENT_REF_RESOLVERS,
    PurchaseOrdersService,
    PurchaseReceiptsService,
    PurchaseOrdersResolver,
    PurchaseOrderLineResolver,
    RmaSettingsService,
    RmasService,
    RmaResolver,
    ReturnsService,
    StockCountsService,
    StockCountsResolver,
    StockCountLineResolver,
    ReturnProcessingService,
    ReturnReportService,
    PurchaseFeedService,
    ReturnsResolver,
    GoodsReturnLineResolver,
    ...RETURN_REF_RESOLVERS,
    ProcurementRequestsService,
    SupplierQuotationsService,
    ...PROCUREMENT_RESOLVERS,
    PurchaseContractsService,
    PurchaseContractReceiptsService,
    ...PURCHASE_CONTRACT_RESOLVERS,
    DepositRefundsService,
    ...DEPOSIT_REFUND_RESOLVERS,
    IssuedTendersService,
    IssuedTenderBidsService,
    IssuedTenderAwardService,
    ...ISSUED_TENDER_RESOLVERS,
  ],
  exports: [CatalogueModule, StockService, ShipmentsService],
})
export class FulfillmentModule {}

/** Worker side: reminders and escalations of RMA steps past their time limit; late deliveries of purchase contracts. */
@Module({
  imports: [BranchesCoreModule, ApprovalsCoreModule, NotificationsCoreModule],
  providers: [RmaSettingsService, RmaJobs, ProcurementJobs],
})
export class FulfillmentWorkerModule {}
