/**
 * Each kind's part of the organizers' Markdown report (shared/steps/<kind>/report.ts); null:
 * the kind adds nothing (the lobby, the groups and the live feedback leave no text of their
 * own; the writer gives the facts, such as counts per role, itself). Only the server imports
 * this, so phones, which load the kinds' rules, never load the report.
 */
import { contentReport } from './content/report.ts';
import type { StepKind } from './index.ts';
import type { ReportSpec } from './kind.ts';
import { takeawayReport } from './takeaway/report.ts';
import { topicReport } from './topic/report.ts';

export const STEP_REPORTS = {
  lobby: null,
  content: contentReport,
  groups: null,
  topic: topicReport,
  takeaway: takeawayReport,
  feedback: null,
  closing: null,
} satisfies Record<StepKind, ReportSpec<never> | null>;
