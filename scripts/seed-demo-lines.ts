import type { INestApplicationContext } from '@nestjs/common';
import { ContractLinesService } from '../src/modules/contracts/contract-lines.service.js';
import { QuoteLifecycleService } from '../src/modules/contracts/quote-lifecycle.service.js';
import { QuoteLineKind } from '../src/modules/contracts/quote.enums.js';
import { QuotesService } from '../src/modules/contracts/quotes.service.js';
import { CatalogueService } from '../src/modules/fulfillment/catalogue.service.js';
import { OrderFromQuoteService } from '../src/modules/orders/order-from-quote.service.js';
import { OrderChannel } from '../src/modules/orders/order.enums.js';
import { OrdersService } from '../src/modules/orders/orders.service.js';
import { day, type ActAs, type DemoSlice } from './seed-demo-commercial.js';
import type { DemoPerson } from './seed-demo-work.js';

/**
 * The demo's contract-lines slice, in every branch: Lotus Retail accepts a quote for 12 display fridges from the
 * catalogue (5 % off the list price) with their installation; the contract made from it carries the quote's lines,
 * a first call-off of 4 fridges and 1 installation draws them down, and an order from the quote takes what is left
 * (8 and 2). Both orders wait in DRAFT for the contract to be signed. Through the services, as the API would.
 */
export function contractLineSlices(app: INestApplicationContext, as: ActAs, leader: DemoPerson): DemoSlice[] {
  const catalogue = app.get(CatalogueService);
  const quotes = app.get(QuotesService);
  const quoteMoves = app.get(QuoteLifecycleService);
  const contractLines = app.get(ContractLinesService);
  const orders = app.get(OrdersService);
  const fromQuote = app.get(OrderFromQuoteService);

  const slice: DemoSlice = {
    table: 'contract_lines',
    async seed({ code, rep: r, customers: c }) {
      const customerId = c['Lotus Retail'];
      const fridge = await as(leader, (ctx) =>
        catalogue.create(ctx, {
          code: `FRIDGE-${code}`,
          name: 'Display fridge',
          specification: '2 doors, 1,000 l',
          unit: 'pcs',
          listPrice: '6800.00',
          costPrice: '4700.00',
        }),
      );
      const quote = await as(r, (ctx) =>
        quotes.create(ctx, {
          customerId,
          title: 'Display fridges for the spring openings',
          validUntil: day(20),
          lines: [
            {
              kind: QuoteLineKind.PRODUCT,
              description: 'Display fridge',
              quantity: '12',
              productId: fridge.id,
              discountPercent: '5',
            },
            { kind: QuoteLineKind.SERVICE, description: 'Installation per store', quantity: '3', unitPrice: '1200.00' },
          ],
        }),
      );
      await as(r, (ctx) => quoteMoves.send(ctx, quote.id));
      await as(r, (ctx) => quoteMoves.accept(ctx, quote.id));
      const contract = await as(r, (ctx) =>
        quoteMoves.createContract(ctx, quote.id, { startsOn: day(1), endsOn: day(365) }),
      );
      const [fridges, installation] = await as(r, (ctx) => contractLines.linesOf(ctx, contract.branchId, contract.id));
      await as(r, (ctx) =>
        orders.create(ctx, {
          customerId,
          contractId: contract.id,
          channel: OrderChannel.EMAIL,
          receivedOn: day(0),
          reference: 'Call-off 1: Xuhui store',
          lines: [
            { contractLineId: fridges.id, quantity: '4' },
            { contractLineId: installation.id, quantity: '1' },
          ],
        }),
      );
      await as(r, (ctx) =>
        fromQuote.create(ctx, quote.id, { channel: OrderChannel.PHONE, receivedOn: day(0), reference: 'The rest' }),
      );
    },
  };
  return [slice];
}
