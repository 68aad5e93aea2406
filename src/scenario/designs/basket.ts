/**
 * Schema of the basket design (placeholder: being written).
 */
import { z } from 'zod';

export const basketDesignSchema = z.looseObject({ type: z.literal('basket') });

export type BasketDesignSpec = z.infer<typeof basketDesignSchema>;
