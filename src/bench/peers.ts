/**
 * Peer figures for the bench: the same two-arm binary trial simulated by R
 * packages, when R and the package are installed (rpact's
 * getSimulationRates; Mediana's CalcOutcomeDist path via
 * CSE). Each is timed inside R with system.time, so R's start-up is not
 * counted. Returns null when the peer is not available.
 */
import { spawnSync } from 'node:child_process';

export interface PeerFigure {
  name: string;
  replicates: number;
  seconds: number;
}

function runR(script: string, timeoutMs: number): string | null {
  const r = spawnSync('Rscript', ['--vanilla', '-e', script], { encoding: 'utf8', timeout: timeoutMs });
  if (r.error || r.status !== 0) return null;
  const m = /SECONDS=([0-9.eE+-]+)/.exec(r.stdout);
  return m ? m[1] : null;
}

/** rpact: fixed design (kMax = 1), two groups, rates 0.30 vs 0.45, 300 patients. */
export function rpactPeer(replicates: number): PeerFigure | null {
  const script = `suppressMessages(library(rpact)); d <- getDesignGroupSequential(kMax = 1, alpha = 0.025, sided = 1);
t <- system.time(getSimulationRates(design = d, groups = 2, pi1 = 0.45, pi2 = 0.30, plannedSubjects = 300,
  maxNumberOfIterations = ${replicates}, seed = 1)); cat(sprintf("SECONDS=%.6f\\n", t[["elapsed"]]))`;
  const s = runR(script, 300_000);
  return s === null ? null : { name: 'rpact getSimulationRates', replicates, seconds: Number(s) };
}

/** Mediana: two-arm binary, 150 per arm, rates 0.30 vs 0.45, one-sided proportion test. */
export function medianaPeer(replicates: number): PeerFigure | null {
  const script = `suppressMessages(library(Mediana));
dm <- DataModel() + OutcomeDist(outcome.dist = "BinomDist") + SampleSize(c(150)) +
  Sample(id = "Control", outcome.par = parameters(parameters(prop = 0.30))) +
  Sample(id = "Drug", outcome.par = parameters(parameters(prop = 0.45)));
am <- AnalysisModel() + Test(id = "Drug vs Control", samples = samples("Control", "Drug"), method = "PropTest");
em <- EvaluationModel() + Criterion(id = "Marginal power", method = "MarginalPower", tests = tests("Drug vs Control"), labels = c("Drug vs Control"), par = parameters(alpha = 0.025));
t <- system.time(CSE(dm, am, em, SimParameters(n.sims = ${replicates}, proc.load = 1, seed = 1)));
cat(sprintf("SECONDS=%.6f\\n", t[["elapsed"]]))`;
  const s = runR(script, 300_000);
  return s === null ? null : { name: 'Mediana CSE', replicates, seconds: Number(s) };
}

/**
 * rpact's multi-arm simulation of the MAMS flagship's trial: 4 arms against
 * a shared control, 2 stages of 38 patients per arm, effects 0.545, 0.178,
 * 0, 0 (sd 1). rpact tests by closed testing with Dunnett intersection tests
 * and an inverse-normal combination (O'Brien-Fleming), not by Magirr's
 * triangular bounds: the same arms, stages, patients and effects, its own
 * decision rule.
 */
export function rpactMamsPeer(replicates: number): PeerFigure | null {
  const script = `suppressMessages(library(rpact)); d <- getDesignInverseNormal(kMax = 2, alpha = 0.05, typeOfDesign = "OF");
t <- system.time(getSimulationMultiArmMeans(design = d, activeArms = 4, effectMatrix = matrix(c(0.545, 0.178, 0, 0), nrow = 1),
  typeOfShape = "userDefined", stDev = 1, plannedSubjects = c(38, 76), intersectionTest = "Dunnett",
  typeOfSelection = "all", successCriterion = "atLeastOne", maxNumberOfIterations = ${replicates}, seed = 1));
cat(sprintf("SECONDS=%.6f\\n", t[["elapsed"]]))`;
  const s = runR(script, 600_000);
  return s === null ? null : { name: 'rpact getSimulationMultiArmMeans', replicates, seconds: Number(s) };
}

/**
 * A plain R loop over the binary-marker interaction trial
 * (scenarios/parallel/interaction-binary-marker.yaml): 300 patients, marker
 * prevalence 0.4, simple randomisation, response logit -0.85 + 0.2 t + 1.0 t m;
 * each replicate fits glm(y ~ t * m, binomial) and the model without the
 * interaction, for the Wald and likelihood-ratio tests trialsim makes.
 */
export function glmLoopPeer(replicates: number): PeerFigure | null {
  const script = `set.seed(1); t <- system.time(for (r in 1:${replicates}) {
  m <- rbinom(300, 1, 0.4); tr <- rbinom(300, 1, 0.5); y <- rbinom(300, 1, plogis(-0.85 + 0.2 * tr + 1.0 * tr * m))
  full <- glm(y ~ tr * m, family = binomial); reduced <- glm(y ~ tr + m, family = binomial)
  p <- c(summary(full)$coefficients[4, 4], pchisq(deviance(reduced) - deviance(full), 1, lower.tail = FALSE))
}); cat(sprintf("SECONDS=%.6f\\n", t[["elapsed"]]))`;
  const s = runR(script, 600_000);
  return s === null ? null : { name: 'plain R glm loop (full and reduced model)', replicates, seconds: Number(s) };
}
