import { refFieldsResolver } from '../branches/ref-fields.js';
import { Competitor, CompetitorObservation } from './competitor.entity.js';
import { Campaign, DemandSurvey, MarketingPlan, ResearchEvent } from './plans.entity.js';
import { ResearchDigest, ResearchItem } from './research.entity.js';
import { MarketSegment } from './segment.entity.js';

/** Branches and people of the market-research types as objects (one batched loader each). */
export const RESEARCH_REF_RESOLVERS = [
  refFieldsResolver(
    () => ResearchItem,
    [
      { name: 'branch', kind: 'branch', description: 'The branch that logged the item' },
      { name: 'createdBy', kind: 'person', id: (i) => i.createdById, description: 'Who logged the item' },
    ],
  ),
  refFieldsResolver(
    () => ResearchDigest,
    [{ name: 'branch', kind: 'branch', description: 'The branch whose week this digest sums up' }],
  ),
  refFieldsResolver(
    () => Competitor,
    [{ name: 'branch', kind: 'branch', description: 'The branch that profiles this competitor' }],
  ),
  refFieldsResolver(
    () => CompetitorObservation,
    [{ name: 'recordedBy', kind: 'person', id: (o) => o.recordedById, description: 'Who recorded the observation' }],
  ),
  refFieldsResolver(
    () => MarketSegment,
    [{ name: 'branch', kind: 'branch', description: 'The branch that scores this segment' }],
  ),
  refFieldsResolver(
    () => ResearchEvent,
    [{ name: 'branch', kind: 'branch', description: 'The branch whose staff attended' }],
  ),
  refFieldsResolver(
    () => DemandSurvey,
    [{ name: 'branch', kind: 'branch', description: 'The branch running the survey' }],
  ),
  refFieldsResolver(
    () => MarketingPlan,
    [{ name: 'branch', kind: 'branch', description: 'The branch the plan is for' }],
  ),
  refFieldsResolver(
    () => Campaign,
    [{ name: 'branch', kind: 'branch', description: 'The branch running the campaign' }],
  ),
];
