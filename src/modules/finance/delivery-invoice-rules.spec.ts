import { describe, expect, it } from '@jest/globals';
import {
  OverInvoiceError,
  invoiceableOf,
  planDeliveryInvoice,
  type DeliveryLineState,
} from './delivery-invoice-rules.js';

const line = (over: Partial<DeliveryLineState> = {}): DeliveryLineState => ({
  shipmentLineId: 'a',
  orderLineId: 'o',
  description: 'Pump',
  unitPrice: '33.33',
  delivered: '5.000',
  returned: '1.000',
  invoiced: '1.500',
  ...over,
});

describe('invoices from deliveries: the plan', () => {
  it('leaves delivered - returned - invoiced, never below zero', () => {
    expect(invoiceableOf(line())).toBe(2500n);
    expect(invoiceableOf(line({ invoiced: '6.000' }))).toBe(0n);
  });

  it('bills a replacement only for what the order line has left uninvoiced', () => {
    expect(invoiceableOf(line({ orderLeft: '0.000' }))).toBe(0n);
    expect(invoiceableOf(line({ orderLeft: '1.250' }))).toBe(1250n);
    expect(invoiceableOf(line({ orderLeft: '9.000' }))).toBe(2500n);
    expect(invoiceableOf(line({ orderLeft: '-2.000' }))).toBe(0n);
    expect(() =>
      planDeliveryInvoice('s', [line({ orderLeft: '1.000' })], [{ shipmentLineId: 'a', quantity: '1.001' }]),
    ).toThrow(/replaces exchanged goods and the order line has 1.000 left/);
  });

  it('bills everything left by default, at the order price half-up to the cent, skipping lines worth nothing', () => {
    const plan = planDeliveryInvoice('s', [line(), line({ shipmentLineId: 'b', unitPrice: '0.00' })]);
    expect(plan).toEqual([expect.objectContaining({ shipmentLineId: 'a', quantity: '2.500', amount: '83.33' })]);
    expect(() => planDeliveryInvoice('s', [line({ invoiced: '4.000' })])).toThrow(/Nothing of shipment s/);
  });

  it('refuses a named quantity beyond what is left (CONFLICT naming the quantities), unknown and repeated lines', () => {
    const over = (() => {
      try {
        planDeliveryInvoice('s', [line()], [{ shipmentLineId: 'a', quantity: '2.501' }]);
      } catch (e) {
        return e;
      }
    })();
    expect(over).toBeInstanceOf(OverInvoiceError);
    expect((over as OverInvoiceError).extensions).toMatchObject({ reason: 'OVER_INVOICE', requested: '2.501' });
    expect(() => planDeliveryInvoice('s', [line()], [{ shipmentLineId: 'x', quantity: '1' }])).toThrow(
      /not a line of this shipment/,
    );
    expect(() =>
      planDeliveryInvoice(
        's',
        [line()],
        [
          { shipmentLineId: 'a', quantity: '1' },
          { shipmentLineId: 'A', quantity: '1' },
        ],
      ),
    ).toThrow(/second time/);
    expect(planDeliveryInvoice('s', [line()], [{ shipmentLineId: 'a', quantity: '2.5' }])[0].amount).toBe('83.33');
  });
});
