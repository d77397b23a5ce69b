import { describe, expect, it } from '@jest/globals';
import { AppError } from '@app/core';
import type { ContractLine } from '../contracts/contract-line.entity.js';
import { QuoteLineKind } from '../contracts/quote.enums.js';
import { fromContract, netUnitPrice } from './order-lines.js';

const PUMP = '00000000-0000-4000-8000-0000000000a1';
const LINE = '00000000-0000-4000-8000-0000000000c1';
const CONTRACT = '00000000-0000-4000-8000-0000000000d1';
const line: ContractLine = {
  branchId: '00000000-0000-4000-8000-0000000000b1',
  id: LINE,
  contractId: CONTRACT,
  quoteLineId: null,
  position: 1,
  kind: QuoteLineKind.PRODUCT,
  description: 'Circulation pump',
  quantity: '5.000',
  unitPrice: '1000.00',
  discountPercent: '5.00',
  netUnitPrice: '950.00',
  lineTotal: '4750.00',
  organizationId: '00000000-0000-4000-8000-0000000000e1',
  productId: PUMP,
  ordered: '0.000',
  remaining: '5.000',
};

/** The field a refusal names, or the lines when there is none. */
function attempt(...args: Parameters<typeof fromContract>) {
  try {
    return fromContract(...args);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return `${e.code} ${e.fields?.map((f) => f.field).join()}`;
  }
}

describe('order lines against a contract', () => {
  it('take the contract line’s description (unless given), product and price after discount', () => {
    expect(fromContract([{ quantity: '2', contractLineId: LINE.toUpperCase() }], CONTRACT, [line])).toEqual([
      {
        description: 'Circulation pump',
        quantity: '2',
        unitPrice: '950.00',
        contractLineId: LINE,
        contracted: { productId: PUMP, organizationId: line.organizationId },
      },
    ]);
    const [own] = fromContract(
      [{ quantity: '1', contractLineId: LINE, description: 'Pump, site 2', unitPrice: '950', productId: PUMP }],
      CONTRACT,
      [line],
    );
    expect(own).toMatchObject({ description: 'Pump, site 2', unitPrice: '950.00' });
  });

  it('refuse a free line against a contract with lines, a foreign line, another price or product', () => {
    expect(attempt([{ quantity: '1', description: 'x', unitPrice: '1' }], CONTRACT, [line])).toBe(
      'BAD_USER_INPUT lines[0].contractLineId',
    );
    expect(attempt([{ quantity: '1', contractLineId: PUMP }], CONTRACT, [line])).toBe(
      'BAD_USER_INPUT lines[0].contractLineId',
    );
    expect(attempt([{ quantity: '1', contractLineId: LINE, unitPrice: '949.99' }], CONTRACT, [line])).toBe(
      'BAD_USER_INPUT lines[0].unitPrice',
    );
    expect(attempt([{ quantity: '1', contractLineId: LINE, productId: LINE }], CONTRACT, [line])).toBe(
      'BAD_USER_INPUT lines[0].productId',
    );
  });

  it('take free lines without a contract or against one without lines, and refuse contract lines there', () => {
    const free = [{ quantity: '1', description: 'x', unitPrice: '1.00' }];
    expect(fromContract(free, null, [])).toEqual(free);
    expect(fromContract(free, CONTRACT, [])).toEqual(free);
    expect(attempt([{ quantity: '1', contractLineId: LINE }], null, [])).toBe('BAD_USER_INPUT lines[0].contractLineId');
    expect(attempt([{ quantity: '1', contractLineId: LINE }], CONTRACT, [])).toBe(
      'BAD_USER_INPUT lines[0].contractLineId',
    );
  });

  it('price a quote line after its discount half-up to the cent', () => {
    expect(netUnitPrice('333.33', '3')).toBe('323.33');
    expect(netUnitPrice('0.05', '50')).toBe('0.03');
  });
});
