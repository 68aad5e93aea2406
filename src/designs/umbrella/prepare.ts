/**
 * Preparing an umbrella scenario, once in the main thread: the calibration
 * sample (routing prevalences, sharp nulls, which substudies any patient can
 * enter), and the refusal of a trial that could never end.
 */
import type { RunStreams } from '../../random/stream.js';
import { ScenarioRefusal, type ScenarioIssue } from '../../scenario/errors.js';
import type { UmbrellaScenario } from './schema.js';
import { umbrellaSetup, type UmbrellaSetup } from './setup.js';
import { calibrate, type Calibration } from './calibration.js';

export function prepareUmbrella(s: UmbrellaScenario, streams: RunStreams): Calibration {
  const setup = umbrellaSetup(s);
  const calibration = calibrate(s, streams, setup);
  const issues = unreachable(setup, calibration);
  if (issues.length > 0) throw new ScenarioRefusal(issues);
  return calibration;
}

/** Substudies no screened patient can enter, when no screening cap would end the trial. */
function unreachable(setup: UmbrellaSetup, cal: Calibration): ScenarioIssue[] {
  const cap = setup.design.screening.cap;
  if (cap?.patients !== undefined || cap?.months !== undefined) return [];
  return setup.substudies.flatMap((sub, k) => {
    if (cal.reachable[k]) return [];
    const nonMatch = k === setup.nonMatch;
    const what = nonMatch ? 'no patient left unmatched' : `no patient matching "${sub.rule}"`;
    return [{
      path: nonMatch ? ['design', 'nonMatch'] : ['design', 'substudies', k, 'eligibility'],
      message: `substudy "${sub.id}" can never fill: ${what} among ${cal.patients.toLocaleString('en')} simulated screened patients; add design.screening.cap (patients or months) or change its eligibility`,
    }];
  });
}
