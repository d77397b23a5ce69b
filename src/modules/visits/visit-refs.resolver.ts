import { refFieldsResolver } from '../branches/ref-fields.js';
import { BranchAttainment, RepAttainment } from './quota.types.js';
import { SatisfactionSurvey } from './satisfaction.entity.js';
import { BranchSatisfaction } from './satisfaction.types.js';
import { Visit, VisitTask } from './visit.entity.js';

/** Branches and people of the visit, quota and satisfaction types as objects (one batched loader each). */
export const VISIT_REF_RESOLVERS = [
  refFieldsResolver(
    () => Visit,
    [
      { name: 'branch', kind: 'branch', description: 'The branch of the visit' },
      { name: 'createdBy', kind: 'person', id: (v) => v.createdById, description: 'Who booked the visit' },
      {
        name: 'reportedBy',
        kind: 'person',
        id: (v) => v.reportedById,
        description: 'Who filed the visit report; null before',
      },
      {
        name: 'reviewedBy',
        kind: 'person',
        id: (v) => v.reviewedById,
        description: 'The superior who reviewed the report; null until reviewed',
      },
    ],
  ),
  refFieldsResolver(
    () => VisitTask,
    [
      { name: 'branch', kind: 'branch', description: 'The branch of the visit' },
      { name: 'doneBy', kind: 'person', id: (t) => t.doneById, description: 'Who completed the task; null while open' },
    ],
  ),
  refFieldsResolver(
    () => RepAttainment,
    [{ name: 'branch', kind: 'branch', description: 'The branch of the representative' }],
  ),
  refFieldsResolver(
    () => BranchAttainment,
    [{ name: 'branch', kind: 'branch', description: 'The branch this line sums up (code and name to show)' }],
  ),
  refFieldsResolver(
    () => BranchSatisfaction,
    [{ name: 'branch', kind: 'branch', description: 'The branch this average is for (code and name to show)' }],
  ),
  refFieldsResolver(
    () => SatisfactionSurvey,
    [
      { name: 'branch', kind: 'branch', description: 'The branch of the customer' },
      { name: 'recordedBy', kind: 'person', id: (s) => s.recordedById, description: 'Who recorded the score' },
    ],
  ),
];
