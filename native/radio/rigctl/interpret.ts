import type { RigReply } from './reply-parser';

export type RigState =
  | { kind: 'frequency'; hz: number }
  | { kind: 'mode'; mode: string; passbandHz: number }
  | { kind: 'vfo'; vfo: string }
  | { kind: 'memory'; channel: number }
  | { kind: 'ptt'; on: boolean }
  | { kind: 'level'; level: string; value: number }
  | { kind: 'done' };

export type RigInterpreted = { ok: true; state: RigState } | { ok: false; reason: string };

function num(v: string | undefined): number | undefined {
  if (v === undefined || !/^-?\d+(\.\d+)?$/.test(v.trim())) return undefined;
  return Number(v);
}

/** Turns a successful reply into typed state; a failed one into the Hamlib reason. */
export function interpretRigReply(reply: RigReply): RigInterpreted {
  if (reply.error)
    return {
      ok: false,
      reason: `${reply.command || 'command'} failed: ${reply.error.message} (${reply.error.name}, RPRT ${reply.code})`,
    };
  const bad = (what: string): RigInterpreted => ({
    ok: false,
    reason: `${reply.command} reply has no usable ${what}: ${JSON.stringify(reply.values)}`,
  });
  switch (reply.command) {
    case 'get_freq': {
      const hz = num(reply.values.Frequency);
      return hz === undefined ? bad('Frequency') : { ok: true, state: { kind: 'frequency', hz } };
    }
    case 'get_mode': {
      const mode = reply.values.Mode;
      const pb = num(reply.values.Passband);
      return mode === undefined || pb === undefined
        ? bad('Mode/Passband')
        : { ok: true, state: { kind: 'mode', mode, passbandHz: pb } };
    }
    case 'get_vfo':
      return reply.values.VFO === undefined
        ? bad('VFO')
        : { ok: true, state: { kind: 'vfo', vfo: reply.values.VFO } };
    case 'get_mem': {
      const ch = num(reply.values['Memory#']);
      return ch === undefined ? bad('Memory#') : { ok: true, state: { kind: 'memory', channel: ch } };
    }
    case 'get_ptt': {
      const p = num(reply.values.PTT);
      return p === undefined ? bad('PTT') : { ok: true, state: { kind: 'ptt', on: p !== 0 } };
    }
    case 'get_level': {
      const v = num(reply.bare[0] ?? Object.values(reply.values)[0]);
      return v === undefined
        ? bad('level value')
        : { ok: true, state: { kind: 'level', level: reply.args.trim(), value: v } };
    }
    default:
      return { ok: true, state: { kind: 'done' } };
  }
}
