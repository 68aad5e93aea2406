/**
 * Schema of the sequential design (placeholder: being written).
 */
import { z } from 'zod';

export const sequentialDesignSchema = z.looseObject({ type: z.literal('sequential') });

export type SequentialDesignSpec = z.infer<typeof sequentialDesignSchema>;
