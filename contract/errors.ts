import { z } from 'zod';

/**
 * Every failure that crosses the host boundary is one of these codes. The code picks a message template in
 * both languages (errorMessages.ts); `params` fill it. A person reading the message must know what failed
 * and what to do next, so templates name the input and the remedy.
 */
export const ERROR_CODES = [
  'bad_request',
  'unknown_method',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'sign_in_failed',
  'sign_in_throttled',
  'not_found',
  'illegal_transition',
  'dispatch_state',
  'unit_unavailable',
  'conflict',
  'storage',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ErrorIssue = z.infer<typeof ErrorIssueSchema>;

export const HostErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  /** English text, for logs and for clients that do not translate. */
  message: z.string(),
  /** i18n key (`errors.<code>`) the renderer translates with `params`. */
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  issues: z.array(ErrorIssueSchema).optional(),
});
export type HostError = z.infer<typeof HostErrorSchema>;

/** Thrown inside the host; the router turns it into a HostError value on the wire. */
export class HostFailure extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly issues?: ErrorIssue[];
  constructor(code: ErrorCode, params: Record<string, string | number> = {}, issues?: ErrorIssue[]) {
    super(`${code}: ${JSON.stringify(params)}`);
    this.name = 'HostFailure';
    this.code = code;
    this.params = params;
    this.issues = issues;
  }
}

export function zodIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.slice(0, 20).map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
}
