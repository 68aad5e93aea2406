/**
 * Colours and marker shapes of every chart. The Okabe-Ito palette (Okabe &
 * Ito 2008, "Color Universal Design") stays distinguishable under the common
 * colour-vision deficiencies; each series also has its own marker shape, so
 * a grey-scale printout still tells series apart.
 */
export const COLOURS = {
  blue: '#0072B2',
  vermillion: '#D55E00',
  green: '#009E73',
  orange: '#E69F00',
  purple: '#CC79A7',
  sky: '#56B4E9',
  yellow: '#F0E442',
  black: '#000000',
  grey: '#6B6B6B',
  light: '#D9D9D9',
} as const;

/** Series colours in order of use (yellow last: weak on white). */
export const SERIES = [COLOURS.blue, COLOURS.vermillion, COLOURS.green, COLOURS.orange, COLOURS.purple, COLOURS.sky, COLOURS.black, COLOURS.yellow];

export type Shape = 'circle' | 'square' | 'triangle' | 'diamond';
export const SHAPES: Shape[] = ['circle', 'square', 'triangle', 'diamond'];

export function seriesColour(k: number): string {
  return SERIES[k % SERIES.length];
}

export function seriesShape(k: number): Shape {
  return SHAPES[k % SHAPES.length];
}

/** What a rejection rate means decides its colour everywhere. */
export function meaningColour(meaning: string): string {
  return meaning === 'power' ? COLOURS.blue : meaning === 'type I error' ? COLOURS.vermillion : COLOURS.grey;
}

export function meaningShape(meaning: string): Shape {
  return meaning === 'power' ? 'circle' : meaning === 'type I error' ? 'square' : 'diamond';
}
