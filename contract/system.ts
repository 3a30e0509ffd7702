import { z } from 'zod';

export const BackupInfoSchema = z.object({
  file: z.string(),
  at: z.number().int(),
  bytes: z.number().int().nonnegative(),
  verified: z.boolean(),
  reason: z.enum(['scheduled', 'manual', 'pre-migration']),
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

export const HelloSchema = z.object({
  product: z.literal('fengsui'),
  version: z.string(),
  consoleId: z.string(),
  operator: z.string(),
  schemaVersion: z.number().int(),
  /** True until the operator chose "empty" or "demo district" on first run. */
  firstRun: z.boolean(),
  demo: z.boolean(),
  transport: z.enum(['ipc', 'ws']),
});
export type Hello = z.infer<typeof HelloSchema>;

export const SetupChoiceSchema = z.object({ mode: z.enum(['empty', 'demo']) });
