import { refFieldsResolver } from '../branches/ref-fields.js';
import { Tender } from './tender.entity.js';

/** The branch and author of a tender as objects (one batched loader each). */
export const TENDER_REF_RESOLVERS = [
  refFieldsResolver(
    () => Tender,
    [
      { name: 'branch', kind: 'branch', description: 'The branch bidding' },
      { name: 'createdBy', kind: 'person', id: (t) => t.createdById, description: 'Who recorded the tender' },
    ],
  ),
];
