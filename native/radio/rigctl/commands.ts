/**
 * Commands for rigctld's extended response protocol: a leading `+` makes every reply name its command, label
 * its values and end in `RPRT n`, so a stream reader always knows where a reply ends.
 */
export const RIG_MODES = [
  'USB',
  'LSB',
  'CW',
  'CWR',
  'RTTY',
  'RTTYR',
  'AM',
  'FM',
  'WFM',
  'AMS',
  'PKTLSB',
  'PKTUSB',
  'PKTFM',
  'ECSSUSB',
  'ECSSLSB',
  'FAX',
  'SAM',
  'SAL',
  'SAH',
  'DSB',
  'FMN',
  'PKTAM',
  'C4FM',
  'DSTAR',
  'DMR',
  'P25',
  'NXDNVN',
  'NXDNN',
] as const;
export type RigMode = (typeof RIG_MODES)[number];

export type RigCommand =
  | { kind: 'set_freq'; hz: number }
  | { kind: 'get_freq' }
  | { kind: 'set_mode'; mode: RigMode; passbandHz?: number }
  | { kind: 'get_mode' }
  | { kind: 'set_vfo'; vfo: string }
  | { kind: 'get_vfo' }
  | { kind: 'set_mem'; channel: number }
  | { kind: 'get_mem' }
  | { kind: 'set_ptt'; on: boolean }
  | { kind: 'get_ptt' }
  | { kind: 'get_level'; level: string };

export type RigCommandEncoded = { ok: true; text: string } | { ok: false; reason: string };

/** The rigctld command name each reply starts with, to pair replies with what was sent. */
export const REPLY_NAME: Record<RigCommand['kind'], string> = {
  set_freq: 'set_freq',
  get_freq: 'get_freq',
  set_mode: 'set_mode',
  get_mode: 'get_mode',
  set_vfo: 'set_vfo',
  get_vfo: 'get_vfo',
  set_mem: 'set_mem',
  get_mem: 'get_mem',
  set_ptt: 'set_ptt',
  get_ptt: 'get_ptt',
  get_level: 'get_level',
};

const VFO_RE = /^(VFOA|VFOB|VFOC|currVFO|VFO|MEM|Main|Sub|TX|RX|MainA|MainB|SubA|SubB|None)$/;

/** One command line (with its newline), or the reason it would be refused. */
export function encodeRigCommand(c: RigCommand): RigCommandEncoded {
  switch (c.kind) {
    case 'set_freq':
      if (!Number.isInteger(c.hz) || c.hz <= 0 || c.hz > 1e12)
        return { ok: false, reason: `frequency ${c.hz} Hz must be a positive whole number` };
      return { ok: true, text: `+F ${c.hz}\n` };
    case 'get_freq':
      return { ok: true, text: '+f\n' };
    case 'set_mode': {
      if (!(RIG_MODES as readonly string[]).includes(c.mode))
        return { ok: false, reason: `mode "${c.mode}" is not a Hamlib mode` };
      const pb = c.passbandHz ?? 0;
      // Passband 0 = the rig's normal width for the mode; -1 = leave unchanged.
      if (!Number.isInteger(pb) || pb < -1)
        return { ok: false, reason: `passband ${pb} Hz must be a whole number ≥ -1` };
      return { ok: true, text: `+M ${c.mode} ${pb}\n` };
    }
    case 'get_mode':
      return { ok: true, text: '+m\n' };
    case 'set_vfo':
      if (!VFO_RE.test(c.vfo))
        return {
          ok: false,
          reason: `VFO "${c.vfo}" is not a Hamlib VFO name (VFOA, VFOB, Main, Sub, MEM, …)`,
        };
      return { ok: true, text: `+V ${c.vfo}\n` };
    case 'get_vfo':
      return { ok: true, text: '+v\n' };
    case 'set_mem':
      if (!Number.isInteger(c.channel) || c.channel < 0 || c.channel > 9999)
        return { ok: false, reason: `memory channel ${c.channel} must be 0-9999` };
      return { ok: true, text: `+E ${c.channel}\n` };
    case 'get_mem':
      return { ok: true, text: '+e\n' };
    case 'set_ptt':
      return { ok: true, text: `+T ${c.on ? 1 : 0}\n` };
    case 'get_ptt':
      return { ok: true, text: '+t\n' };
    case 'get_level':
      if (!/^[A-Z0-9_]{1,20}$/.test(c.level))
        return { ok: false, reason: `level "${c.level}" is not a Hamlib level name (e.g. STRENGTH)` };
      return { ok: true, text: `+l ${c.level}\n` };
  }
}
