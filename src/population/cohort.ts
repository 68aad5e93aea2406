/**
 * A cohort of virtual patients stored column-wise in typed arrays, allocated
 * once per worker and reused by every replicate (no per-patient objects).
 */
export class Cohort {
  n = 0;
  /** One column per biomarker: 0/1, level index, or value. */
  readonly markers: Float64Array[];
  /** Latent profile index (0 when the scenario has no profiles). */
  readonly profile: Int32Array;
  /**
   * The patient's type (population/discrete-table `patientTypes`): the index of
   * their combination of discrete covariates, or -1 when the population has a
   * continuous biomarker or the cohort was not filled by the biomarker sampler.
   * Code that writes a patient's markers or profile by other means must copy
   * or reset (-1) their type too: typed look-ups trust it.
   */
  readonly type: Int32Array;
  /** Assigned arm index. */
  readonly arm: Int32Array;
  /** The draw that couples a patient's potential outcomes (uniform, normal or Exp(1)). */
  readonly latent: Float64Array;
  /** Observed outcome under the assigned arm: 0/1, value, or follow-up time. */
  readonly outcome: Float64Array;
  /** 1 if the follow-up time ends in an event (time-to-event only). */
  readonly event: Uint8Array;
  /** Calendar time of entry (months). */
  readonly entry: Float64Array;
  /** Time from entry to loss to follow-up (Infinity if none). */
  readonly dropout: Float64Array;
  /** Count endpoints: the patient's exposure time and gamma frailty (1 for Poisson counts). */
  readonly exposure: Float64Array;
  readonly frailty: Float64Array;

  constructor(readonly capacity: number, biomarkerCount: number) {
    this.markers = Array.from({ length: biomarkerCount }, () => new Float64Array(capacity));
    this.profile = new Int32Array(capacity);
    this.type = new Int32Array(capacity).fill(-1);
    this.arm = new Int32Array(capacity);
    this.latent = new Float64Array(capacity);
    this.outcome = new Float64Array(capacity);
    this.event = new Uint8Array(capacity);
    this.entry = new Float64Array(capacity);
    this.dropout = new Float64Array(capacity);
    this.exposure = new Float64Array(capacity);
    this.frailty = new Float64Array(capacity);
  }
}
