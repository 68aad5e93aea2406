/**
 * The latent correlation matrix of the Gaussian copula and its Cholesky
 * factor (ml-matrix), shared by the checks and the biomarker sampler.
 */
import { Matrix, CholeskyDecomposition } from 'ml-matrix';
import type { PopulationSpec } from './population.js';

/** Biomarkers that take part in a correlation, in population order. */
export function correlatedBiomarkers(population: PopulationSpec): number[] {
  const ids = new Set(population.correlations.flatMap((c) => c.between));
  return population.biomarkers.flatMap((m, i) => (ids.has(m.id) ? [i] : []));
}

/**
 * Lower-triangular Cholesky factor (row-major rows) of the correlation matrix
 * over `correlatedBiomarkers`, or null when the matrix is not positive definite.
 */
export function choleskyOfCorrelations(population: PopulationSpec): number[][] | null {
  const members = correlatedBiomarkers(population);
  const k = members.length;
  if (k === 0) return [];
  const R = Matrix.eye(k, k);
  for (const c of population.correlations) {
    const a = members.findIndex((i) => population.biomarkers[i].id === c.between[0]);
    const b = members.findIndex((i) => population.biomarkers[i].id === c.between[1]);
    R.set(a, b, c.rho);
    R.set(b, a, c.rho);
  }
  const chol = new CholeskyDecomposition(R);
  if (!chol.isPositiveDefinite()) return null;
  const L = chol.lowerTriangularMatrix;
  // Singular-but-PSD matrices pass ml-matrix's check with a zero pivot; refuse them too.
  for (let i = 0; i < k; i++) if (!(L.get(i, i) > 1e-10)) return null;
  return L.to2DArray();
}
