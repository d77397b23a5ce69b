import type { RequestContext } from '@app/core';
import { milli } from '../fulfillment-rules.js';

/**
 * Returned (or being returned) so far per shipment line, in thousandths: the lines of the shipment's returns that
 * are not REJECTED (a request still being checked holds its quantity, so two requests cannot claim the same units).
 */
export async function returnedByShipmentLine(
  ctx: RequestContext,
  branchId: string,
  shipmentId: string,
): Promise<Map<string, bigint>> {
  const tx = await ctx.tx();
  const rows = await tx.query<{ shipmentLineId: string; returned: string }>(
    `SELECT l.shipment_line_id AS "shipmentLineId", sum(l.quantity)::text AS returned
     FROM goods_return_lines l JOIN goods_returns r ON r.branch_id = l.branch_id AND r.id = l.return_id
     WHERE r.branch_id = $1 AND r.shipment_id = $2 AND r.status <> 'REJECTED'
     GROUP BY l.shipment_line_id`,
    [branchId, shipmentId],
  );
  return new Map(rows.map((r) => [r.shipmentLineId, milli(r.returned)]));
}
