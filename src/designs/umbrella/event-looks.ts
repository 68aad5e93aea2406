/**
 * Event-driven looks of time-to-event substudies. Information in a log-rank
 * comparison is proportional to its number of events (Schoenfeld 1981;
 * Jennison & Turnbull 2000, §13.5), so look j of a substudy comes at the
 * calendar time its comparison (drug patients and the controls it is
 * compared with) reaches ⌈t_j D⌉ events, D the planned events at the final
 * analysis. The final analysis comes at D events, or at the end of follow-up
 * (closing plus the follow-up period) if D is never reached.
 *
 * Events are kept as calendar times (entry + event time, for patients whose
 * event comes before loss to follow-up) in min-heaps, and played in time
 * order up to the current screening time before each patient is offered, so
 * a look's decision (stopping the substudy) takes effect before anyone who
 * arrives after it is enrolled. With all-concurrent controls, every open
 * substudy counts the events of all controls enrolled so far; when it
 * closes, its controls are frozen: later controls no longer count for it.
 */
import { MinHeap } from '../../util/min-heap.js';

export interface EventLookPlan {
  /** Per substudy, the events at each look (⌈t_j D⌉), the last being its D. */
  eventTargets: Int32Array[];
  /** Each substudy's target enrolment (bounding both its arms), and all substudies' together (bounding all controls). */
  targets: number[];
  allControls: number;
  allConcurrent: boolean;
  followUp: number;
}

/**
 * Called at each look: substudy s, look j, calendar time τ; `forced` when the
 * end of follow-up came before the final events. Returns true when the
 * substudy concludes (stops early, or this was its final analysis).
 */
export type LookHandler = (s: number, j: number, time: number, forced: boolean) => boolean;

export class EventLooks {
  private readonly drug: MinHeap[];
  private readonly own: MinHeap[];
  private readonly shared: MinHeap;
  private readonly events: Int32Array;
  private readonly look: Int32Array;
  /** 0 done, 1 open to enrolment, 2 closed to enrolment with looks to come. */
  private readonly state: Int8Array;
  private readonly deadline: Float64Array;

  constructor(private readonly plan: EventLookPlan, private readonly onLook: LookHandler) {
    const S = plan.targets.length;
    this.drug = plan.targets.map((n) => new MinHeap(n));
    this.own = plan.targets.map((n) => new MinHeap(plan.allConcurrent ? plan.allControls : n));
    this.shared = new MinHeap(plan.allConcurrent ? plan.allControls : 0);
    this.events = new Int32Array(S);
    this.look = new Int32Array(S);
    this.state = new Int8Array(S);
    this.deadline = new Float64Array(S);
  }

  reset(): void {
    for (const h of [...this.drug, ...this.own, this.shared]) h.clear();
    this.events.fill(0);
    this.look.fill(0);
    this.state.fill(1);
    this.deadline.fill(Infinity);
  }

  /** A patient enrolled in substudy s; `eventTime` is the calendar time of their event (Infinity if lost first). */
  enrolled(s: number, control: boolean, eventTime: number): void {
    if (eventTime === Infinity) return;
    if (!control) this.drug[s].push(eventTime);
    else if (this.plan.allConcurrent) this.shared.push(eventTime);
    else this.own[s].push(eventTime);
  }

  /** Substudy s stops enrolling at `time` (target reached or screening over); its looks go on. */
  closed(s: number, time: number): void {
    if (this.state[s] !== 1) return;
    this.state[s] = 2;
    this.deadline[s] = time + this.plan.followUp;
    // All-concurrent: the controls enrolled so far are this substudy's from now on.
    if (this.plan.allConcurrent) this.own[s].pushAll(this.shared);
  }

  /** Whether substudy s has concluded (its last look is done). */
  done(s: number): boolean {
    return this.state[s] === 0;
  }

  /** Plays every event and end of follow-up up to calendar time `until`, in time order, running the looks they trigger. */
  advance(until: number): void {
    const S = this.plan.targets.length;
    for (;;) {
      // The earliest pending thing: an event of a substudy still looking, or an end of follow-up.
      let when = Infinity, which = -1, kind = 0; // kind 0 drug, 1 own controls, 2 shared controls, 3 deadline
      let sharedNeeded = false;
      for (let s = 0; s < S; s++) {
        if (this.state[s] === 0) continue;
        if (this.state[s] === 1 && this.plan.allConcurrent) sharedNeeded = true;
        const d = this.drug[s].peek(), o = this.own[s].peek();
        if (d < when) { when = d; which = s; kind = 0; }
        if (o < when) { when = o; which = s; kind = 1; }
        if (this.deadline[s] < when) { when = this.deadline[s]; which = s; kind = 3; }
      }
      if (sharedNeeded && this.shared.peek() < when) { when = this.shared.peek(); kind = 2; }
      if (when > until || when === Infinity) return;
      if (kind === 3) { this.conclude(which, this.look[which], when, true); continue; }
      if (kind === 0) this.drug[which].pop();
      else if (kind === 1) this.own[which].pop();
      else this.shared.pop();
      if (kind === 2) {
        for (let s = 0; s < S; s++) if (this.state[s] === 1) this.count(s, when);
      } else this.count(which, when);
    }
  }

  private count(s: number, time: number): void {
    this.events[s]++;
    const targets = this.plan.eventTargets[s];
    while (this.state[s] !== 0 && this.events[s] >= targets[this.look[s]]) {
      const j = this.look[s];
      if (j === targets.length - 1) { this.conclude(s, j, time, false); return; }
      if (this.onLook(s, j, time, false)) { this.state[s] = 0; return; }
      this.look[s]++;
    }
  }

  private conclude(s: number, j: number, time: number, forced: boolean): void {
    this.state[s] = 0;
    this.onLook(s, j, time, forced);
  }
}
