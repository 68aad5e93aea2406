/**
 * One replicate's patients, as the analyses need them: for each basket the
 * running responder count over its drug patients in enrolment order (so an
 * analysis that stops basket k after j patients reads cum[k][j]), and the
 * responders among its controls.
 *
 * Everything is drawn from `streams.patients`: the drug patients of basket
 * 1, 2, ... in order, then the controls, so adding an analysis or a control
 * arm leaves the drug patients unchanged. With rates given directly a
 * patient responds when a uniform falls below the rate; with the population
 * model the patient's biomarkers are drawn first and the uniform is
 * compared with their own response probability.
 */
import type { BasketScenario } from './schema.js';
import type { RandomSource } from '../../random/stream.js';
import type { PatientTable } from '../types.js';
import { Cohort } from '../../population/cohort.js';
import type { BasketSetup } from './setup.js';
import { basketPopulation, drawInto, type BasketPopulation } from './population.js';

/** Called for each patient when exporting (not on the simulation hot path). */
export type PatientVisitor = (basket: number, arm: 'drug' | 'control', index: number, response: number, probability: number, c: Cohort | null) => void;

export class TrialData {
  /** cum[k][j] = responders among the first j drug patients of basket k. */
  readonly cum: Int32Array[];
  /** Responders among the controls of basket k (0 when not randomised). */
  readonly controlResponders: Int32Array;

  constructor(setup: BasketSetup) {
    this.cum = setup.baskets.map((b) => new Int32Array(b.maxN + 1));
    this.controlResponders = new Int32Array(setup.baskets.length);
  }
}

export interface PatientDrawer {
  draw(source: RandomSource, data: TrialData, visit?: PatientVisitor): void;
}

function directDrawer(setup: BasketSetup): PatientDrawer {
  const rates = Float64Array.from(setup.baskets, (b) => b.rate.value);
  const controlRates = Float64Array.from(setup.baskets, (b) => b.control?.rate.value ?? 0);
  const controlSizes = Int32Array.from(setup.baskets, (b) => b.control?.n ?? 0);
  return {
    draw(source, data, visit) {
      const K = rates.length;
      for (let k = 0; k < K; k++) {
        const cum = data.cum[k];
        const p = rates[k];
        for (let j = 1; j < cum.length; j++) {
          const y = source() < p ? 1 : 0;
          cum[j] = cum[j - 1] + y;
          if (visit) visit(k, 'drug', j, y, p, null);
        }
      }
      for (let k = 0; k < K; k++) {
        let x = 0;
        const p = controlRates[k];
        for (let j = 1; j <= controlSizes[k]; j++) {
          const y = source() < p ? 1 : 0;
          x += y;
          if (visit) visit(k, 'control', j, y, p, null);
        }
        data.controlResponders[k] = x;
      }
    },
  };
}

function populationDrawer(s: BasketScenario, setup: BasketSetup): PatientDrawer {
  const pop: BasketPopulation = basketPopulation(s);
  const c = new Cohort(1, s.population.biomarkers.length);
  const controlSizes = Int32Array.from(setup.baskets, (b) => b.control?.n ?? 0);
  return {
    draw(source, data, visit) {
      const sample = pop.sampler(source);
      const K = data.cum.length;
      for (let k = 0; k < K; k++) {
        const cum = data.cum[k];
        for (let j = 1; j < cum.length; j++) {
          drawInto(pop, sample, c, 0, k);
          const p = pop.model.mean(c, 0, pop.drugArm);
          const y = source() < p ? 1 : 0;
          cum[j] = cum[j - 1] + y;
          if (visit) visit(k, 'drug', j, y, p, c);
        }
      }
      for (let k = 0; k < K; k++) {
        let x = 0;
        for (let j = 1; j <= controlSizes[k]; j++) {
          drawInto(pop, sample, c, 0, k);
          const p = pop.model.mean(c, 0, pop.controlArm);
          const y = source() < p ? 1 : 0;
          x += y;
          if (visit) visit(k, 'control', j, y, p, c);
        }
        data.controlResponders[k] = x;
      }
    },
  };
}

export function patientDrawer(s: BasketScenario, setup: BasketSetup): PatientDrawer {
  return setup.fromPopulation ? populationDrawer(s, setup) : directDrawer(setup);
}

/**
 * The patients of one replicate as a table: basket, arm, patient number in
 * the basket, response and response probability (and biomarkers with the
 * population model). Drug patients beyond a basket's planned size are those
 * only a longer Simon design enrols.
 */
export function basketPatientTable(s: BasketScenario, setup: BasketSetup, source: RandomSource): PatientTable {
  const markers = setup.fromPopulation ? s.population.biomarkers : [];
  const columns = ['basket', 'arm', 'patient', ...markers.map((m) => m.id), 'response', 'p'];
  const rows: (string | number)[][] = [];
  patientDrawer(s, setup).draw(source, new TrialData(setup), (k, arm, j, y, p, c) => {
    const values = markers.map((m, col) => (m.type === 'categorical' ? Object.keys(m.levels)[c!.markers[col][0]] : c!.markers[col][0]));
    rows.push([setup.baskets[k].id, arm, j, ...values, y, p]);
  });
  return { columns, rows };
}
