import type { IncidentStatus, Priority } from './domain/incident';

/**
 * SLA stages an incident must reach in order, each within its limit from the start of the working cycle (the
 * incident's creation, or its latest reopening). Pure: the host's escalation sweep and the window's countdowns
 * compute the same answer from the same timeline timestamps.
 */
export const SLA_STAGES = ['accept', 'dispatch', 'on_scene', 'resolve'] as const;
export type SlaStage = (typeof SLA_STAGES)[number];

export type SlaLimits = Readonly<Record<SlaStage, number>>;

/** The status whose first arrival in a cycle meets each stage. */
export const STAGE_STATUS: Readonly<Record<SlaStage, IncidentStatus>> = {
  accept: 'accepted',
  dispatch: 'dispatched',
  on_scene: 'on_scene',
  resolve: 'resolved',
};

/** Statuses in which no clock runs: the work is finished or abandoned. */
const PAUSED: readonly IncidentStatus[] = ['resolved', 'closed', 'cancelled'];

export interface StatusMark {
  at: number;
  to: IncidentStatus;
}

export interface SlaInput {
  status: IncidentStatus;
  createdAt: number;
  /** The incident's status moves (timeline `status` entries), any order. */
  marks: readonly StatusMark[];
}

export type StageState = 'met' | 'met_late' | 'pending' | 'overdue' | 'paused';

export interface StageSla {
  stage: SlaStage;
  deadline: number;
  metAt: number | null;
  state: StageState;
}

export interface SlaResult {
  /** Start of the working cycle every deadline counts from. */
  cycleStart: number;
  stages: StageSla[];
  /** Stages past their deadline and not met while the incident is still being worked. */
  overdue: SlaStage[];
  /** The earliest deadline still ahead, for a countdown; null when nothing is pending. */
  nextDeadline: number | null;
}

export function computeSla(input: SlaInput, limits: SlaLimits, now: number): SlaResult {
  const marks = [...input.marks].sort((a, b) => a.at - b.at);
  const reopened = marks.filter((m) => m.to === 'reopened').pop();
  const cycleStart = reopened ? reopened.at : input.createdAt;
  const inCycle = marks.filter((m) => m.at >= cycleStart && m !== reopened);
  const paused = PAUSED.includes(input.status);

  // A later stage reached means every earlier one was reached too (on scene implies dispatched), even if the
  // timeline skipped it (a synced move, a direct correction).
  const metAt: Record<SlaStage, number | null> = {
    accept: null,
    dispatch: null,
    on_scene: null,
    resolve: null,
  };
  for (let i = SLA_STAGES.length - 1; i >= 0; i--) {
    const stage = SLA_STAGES[i]!;
    const own = inCycle.find((m) => m.to === STAGE_STATUS[stage])?.at ?? null;
    const later = i + 1 < SLA_STAGES.length ? metAt[SLA_STAGES[i + 1]!] : null;
    metAt[stage] = own !== null && later !== null ? Math.min(own, later) : (own ?? later);
  }

  const stages: StageSla[] = SLA_STAGES.map((stage) => {
    const deadline = cycleStart + limits[stage];
    const met = metAt[stage];
    let state: StageState;
    if (met !== null) state = met <= deadline ? 'met' : 'met_late';
    else if (paused) state = 'paused';
    else state = now > deadline ? 'overdue' : 'pending';
    return { stage, deadline, metAt: met, state };
  });
  const pending = stages.filter((s) => s.state === 'pending').map((s) => s.deadline);
  return {
    cycleStart,
    stages,
    overdue: stages.filter((s) => s.state === 'overdue').map((s) => s.stage),
    nextDeadline: pending.length ? Math.min(...pending) : null,
  };
}

export interface SlaRule {
  /** A category code, or `*` for every category without its own rule. */
  category: string;
  priority: Priority;
  stage: SlaStage;
  limitMs: number;
}

/** The limits for one incident: the category's own rule per stage, else the `*` rule. */
export function limitsFor(rules: readonly SlaRule[], category: string, priority: Priority): SlaLimits {
  const pick = (stage: SlaStage): number => {
    const own = rules.find((r) => r.category === category && r.priority === priority && r.stage === stage);
    const fallback = rules.find((r) => r.category === '*' && r.priority === priority && r.stage === stage);
    return (own ?? fallback)?.limitMs ?? Number.POSITIVE_INFINITY;
  };
  return {
    accept: pick('accept'),
    dispatch: pick('dispatch'),
    on_scene: pick('on_scene'),
    resolve: pick('resolve'),
  };
}
