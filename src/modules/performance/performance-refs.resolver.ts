import { refFieldsResolver } from '../branches/ref-fields.js';
import { KpiTarget, KpiTargetSplit } from './kpi-target.entity.js';
import { KpiAttainmentLine } from './kpi-target.types.js';
import { KpiCheck, KpiDifference } from './performance.entity.js';
import { KpiRankingLine } from './performance.types.js';

/** Branches and people of the KPI types as objects (one batched loader each). */
export const PERFORMANCE_REF_RESOLVERS = [
  refFieldsResolver(
    () => KpiRankingLine,
    [
      { name: 'branch', kind: 'branch', description: 'The branch (code and name to show)' },
      { name: 'person', kind: 'person', id: (l) => l.personId, description: 'The person; null on a branch line' },
    ],
  ),
  refFieldsResolver(() => KpiCheck, [{ name: 'branch', kind: 'branch', description: 'The branch checked' }]),
  refFieldsResolver(
    () => KpiDifference,
    [
      { name: 'branch', kind: 'branch', description: 'The branch' },
      { name: 'person', kind: 'person', id: (d) => d.personId, description: 'Whose line it was' },
    ],
  ),
  refFieldsResolver(
    () => KpiAttainmentLine,
    [
      { name: 'branch', kind: 'branch', description: 'The branch (code and name to show)' },
      { name: 'person', kind: 'person', id: (l) => l.personId, description: 'The person; null on a branch line' },
    ],
  ),
  refFieldsResolver(() => KpiTarget, [{ name: 'branch', kind: 'branch', description: 'The branch' }]),
  refFieldsResolver(
    () => KpiTargetSplit,
    [
      { name: 'branch', kind: 'branch', description: 'The branch' },
      { name: 'person', kind: 'person', id: (s) => s.personId, description: 'Whose share' },
    ],
  ),
];
