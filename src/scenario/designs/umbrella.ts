/**
 * Schema of the umbrella design (placeholder: being written).
 */
import { z } from 'zod';

export const umbrellaDesignSchema = z.looseObject({ type: z.literal('umbrella') });

export type UmbrellaDesignSpec = z.infer<typeof umbrellaDesignSchema>;
