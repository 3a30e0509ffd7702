import { z } from 'zod';
import { HostErrorSchema } from './errors';

/**
 * Frames exchanged between a client (renderer) and the host, over a MessagePort (Electron) or a loopback
 * WebSocket (browser mode). The same frames on both transports so one host client and one router serve both.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;

export const RequestFrameSchema = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  method: z.string().min(1).max(100),
  params: z.unknown().optional(),
});
export type RequestFrame = z.infer<typeof RequestFrameSchema>;

export const ResponseFrameSchema = z.discriminatedUnion('ok', [
  z.object({ t: z.literal('res'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({
    t: z.literal('res'),
    id: z.number().int().nullable(),
    ok: z.literal(false),
    error: HostErrorSchema,
  }),
]);
export type ResponseFrame = z.infer<typeof ResponseFrameSchema>;

export const EventFrameSchema = z.object({ t: z.literal('evt'), event: z.string(), payload: z.unknown() });
export type EventFrame = z.infer<typeof EventFrameSchema>;

export const ServerFrameSchema = z.union([ResponseFrameSchema, EventFrameSchema]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;
