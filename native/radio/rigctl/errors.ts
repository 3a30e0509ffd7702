/**
 * Hamlib's rig_errcode_e (rig.h, 4.5). rigctld sends the negated code in `RPRT -n`; the wording is Hamlib's
 * own rigerror() text so operators can search for it.
 */
export const HAMLIB_ERRORS: Readonly<Record<number, { name: string; message: string }>> = {
  1: { name: 'RIG_EINVAL', message: 'invalid parameter' },
  2: { name: 'RIG_ECONF', message: 'invalid configuration (serial, …)' },
  3: { name: 'RIG_ENOMEM', message: 'memory shortage' },
  4: { name: 'RIG_ENIMPL', message: 'function not implemented, but will be' },
  5: { name: 'RIG_ETIMEOUT', message: 'communication timed out' },
  6: { name: 'RIG_EIO', message: 'IO error, including open failed' },
  7: { name: 'RIG_EINTERNAL', message: 'internal Hamlib error' },
  8: { name: 'RIG_EPROTO', message: 'protocol error' },
  9: { name: 'RIG_ERJCTED', message: 'command rejected by the rig' },
  10: { name: 'RIG_ETRUNC', message: 'command performed, but argument truncated' },
  11: { name: 'RIG_ENAVAIL', message: 'function not available' },
  12: { name: 'RIG_ENTARGET', message: 'VFO not targetable' },
  13: { name: 'RIG_BUSERROR', message: 'error talking on the bus' },
  14: { name: 'RIG_BUSBUSY', message: 'collision on the bus' },
  15: { name: 'RIG_EARG', message: 'NULL RIG handle or any invalid pointer parameter in get arg' },
  16: { name: 'RIG_EVFO', message: 'invalid VFO' },
  17: { name: 'RIG_EDOM', message: 'argument out of domain of function' },
  18: { name: 'RIG_EDEPRECATED', message: 'function deprecated' },
  19: { name: 'RIG_ESECURITY', message: 'security error' },
  20: { name: 'RIG_EPOWER', message: 'rig not powered on' },
  21: { name: 'RIG_ELIMIT', message: 'limit exceeded' },
  22: { name: 'RIG_EACCESS', message: 'access denied' },
};

export interface RigError {
  /** As sent by rigctld (0 or negative). */
  code: number;
  name: string;
  message: string;
}

export function rigError(code: number): RigError {
  const known = HAMLIB_ERRORS[Math.abs(code)];
  return known
    ? { code, ...known }
    : { code, name: 'RIG_EUNKNOWN', message: `unknown Hamlib error ${code} (newer Hamlib than this table?)` };
}
