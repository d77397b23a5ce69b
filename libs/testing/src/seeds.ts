import { expect } from '@jest/globals';
import type { Fixture } from './fixture.js';
import { pdf, upload } from './files-http.js';

/** A file stored through POST /files (the documents module): its row as the upload answered it. */
export interface SeededFile {
  id: string;
  branchId: string;
  name: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
}

/**
 * A stored document file, uploaded by `who` through POST /files (a PDF of 2 KiB, kind LETTER, by default): the
 * scan of a signed note, an attachment, a document's version. The upload must succeed (201).
 */
export async function seedFile(
  f: Fixture,
  who: string,
  o: { kind?: string; name?: string; content?: Buffer } = {},
): Promise<SeededFile> {
  const kind = o.kind ?? 'LETTER';
  const r = await upload(f.api.url.replace(/\/graphql$/, ''), {
    token: f.tokens[who],
    query: `kind=${kind}`,
    name: o.name ?? `${kind.toLowerCase()}.pdf`,
    content: o.content ?? pdf(),
  });
  expect({ who, status: r.status, errors: r.json.errors }).toEqual({ who, status: 201, errors: undefined });
  return r.json.data!.file as unknown as SeededFile;
}

/** What `seedShipment` ships: lines of a RELEASED order, from the maker or from a location's stock. */
export interface ShipmentSeed {
  orderId: string;
  lines: { orderLineId: string; productId: string; quantity: string }[];
  /** FROM_STOCK from this location of the order's branch; straight from the maker (DIRECT_FROM_MAKER) without. */
  locationId?: string;
  /** Statuses recorded after creating it, in order (e.g. SHIPPED, DELIVERED), each an hour ago. */
  statuses?: string[];
  /** Who ships (managerA by default). */
  who?: string;
}

/**
 * A shipment of a RELEASED order made through the API (createShipment, then recordShipmentEvent for each status):
 * stock issued, the order's shipped quantities and clock moved by the services themselves. Its id and line ids.
 */
export async function seedShipment(f: Fixture, s: ShipmentSeed): Promise<{ id: string; lines: string[] }> {
  const who = s.who ?? 'managerA';
  const { createShipment: created } = await f.ok<{ createShipment: { id: string; lines: { id: string }[] } }>(
    who,
    `mutation($in: CreateShipmentInput!) { createShipment(input: $in) { id lines { id } } }`,
    {
      in: {
        orderId: s.orderId,
        mode: s.locationId ? 'FROM_STOCK' : 'DIRECT_FROM_MAKER',
        ...(s.locationId ? { locationId: s.locationId } : {}),
        consigneePlace: 'Plant 2',
        consigneePerson: 'Mr. Wang',
        lines: s.lines,
      },
    },
  );
  for (const status of s.statuses ?? []) {
    await f.ok(
      who,
      `mutation($id: ID!, $in: ShipmentEventInput!) { recordShipmentEvent(id: $id, input: $in) { id } }`,
      { id: created.id, in: { status, at: new Date(Date.now() - 3_600_000) } },
    );
  }
  return { id: created.id, lines: created.lines.map((l) => l.id) };
}
