import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BAUD_RATES } from '../../../contract/radio';
import { toHostError } from '../../app/hostClient';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { monitorSourcesSet } from '../radio/radioSlice';
import {
  useRadioMonitorSetMutation,
  useRadioTestBeaconMutation,
  useSerialCloseMutation,
  useSerialListQuery,
  useSerialOpenMutation,
  useSerialStatusQuery,
} from '../radio/radioApi';
import { LinkEditor, UnitCallsigns } from './LinkEditor';

export function PortsTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const monitored = useAppSelector((s) => s.radio.monitored);
  const setMonitored = (m: string[]) => dispatch(monitorSourcesSet(m));
  const { data: list, refetch, isFetching } = useSerialListQuery();
  const { data: status } = useSerialStatusQuery();
  const [open] = useSerialOpenMutation();
  const [close] = useSerialCloseMutation();
  const [monitorSet] = useRadioMonitorSetMutation();
  const [beacon] = useRadioTestBeaconMutation();
  const [path, setPath] = useState('');
  const [baud, setBaud] = useState(9600);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const fail = (e: unknown) => {
    const h = toHostError(e);
    setMessage({ ok: false, text: t(h.key, h.params) });
  };
  const toggleMonitor = async (source: string, enabled: boolean) => {
    const before = monitored;
    // Optimistic: the box follows the click at once; the host's answer is the truth.
    setMonitored(enabled ? [...new Set([...before, source])] : before.filter((s) => s !== source));
    const r = await monitorSet({ source, enabled });
    if ('error' in r && r.error) {
      setMonitored(before);
      fail(r.error);
    } else if ('data' in r && r.data) setMonitored(r.data.sources);
  };
  const openPort = async (p: string) => {
    setMessage(null);
    const r = await open({ path: p, baudRate: baud });
    if ('error' in r && r.error) return fail(r.error);
    await toggleMonitor(p, true);
  };

  return (
    <div className="ports">
      <section>
        <div className="panel-head">
          <h3>{t('tech.ports.title')}</h3>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void refetch()}
            disabled={isFetching}
          >
            {t('tech.ports.rescan')}
          </button>
        </div>
        {list && !list.listed && (
          <p className="notice small" data-testid="serial-not-listed">
            {t('tech.ports.notListed')} {list.reason}
          </p>
        )}
        <form
          className="port-open"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) void openPort(path.trim());
          }}
        >
          <label className="field">
            <span>{t('tech.ports.path')}</span>
            <input
              data-testid="port-path"
              list="serial-ports"
              placeholder="/dev/ttyUSB0"
              spellCheck={false}
              value={path}
              onChange={(e) => setPath(e.target.value)}
            />
            <datalist id="serial-ports">
              {list?.ports.map((p) => (
                <option key={p.path} value={p.path}>
                  {p.manufacturer ?? ''}
                </option>
              ))}
            </datalist>
          </label>
          <label className="field">
            <span>{t('tech.ports.baud')}</span>
            <select data-testid="port-baud" value={baud} onChange={(e) => setBaud(Number(e.target.value))}>
              {BAUD_RATES.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn btn-primary" data-testid="port-open">
            {t('tech.ports.openMonitor')}
          </button>
        </form>
        {message && (
          <p
            className={`test-result ${message.ok ? 'good' : 'bad'}`}
            role="status"
            data-testid="ports-message"
          >
            {message.text}
          </p>
        )}
        <table className="ports-table">
          <thead>
            <tr>
              <th>{t('tech.ports.path')}</th>
              <th>{t('tech.ports.state')}</th>
              <th>{t('tech.ports.owner')}</th>
              <th>{t('tech.ports.problem')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {status?.map((s) => (
              <tr key={s.path} data-testid="port-row">
                <td className="mono">
                  {s.path} @ {s.settings.baudRate}
                </td>
                <td className={`port-${s.state}`}>{t(`tech.portState.${s.state}`)}</td>
                <td>{s.owner === 'monitor' ? t('tech.ports.monitorOwner') : s.owner}</td>
                <td className="bad small">
                  {s.lastError ?? ''}
                  {s.retryInMs !== null && ` ${t('tech.ports.retry', { s: Math.ceil(s.retryInMs / 1000) })}`}
                </td>
                <td className="row-actions">
                  <label className="field-check">
                    <input
                      type="checkbox"
                      checked={monitored.includes(s.path)}
                      onChange={(e) => void toggleMonitor(s.path, e.target.checked)}
                    />
                    {t('tech.ports.monitor')}
                  </label>
                  {s.owner === 'monitor' && (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={async () => {
                        const r = await close({ path: s.path });
                        if ('error' in r && r.error) fail(r.error);
                      }}
                    >
                      {t('tech.ports.close')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list && list.ports.length === 0 && list.listed && (
          <p className="muted small">{t('tech.ports.none')}</p>
        )}
      </section>
      <div className="ports-links">
        <LinkEditor
          rowActions={(link) => (
            <>
              <label className="field-check">
                <input
                  type="checkbox"
                  data-testid="link-monitor"
                  checked={monitored.includes(link.id)}
                  onChange={(e) => void toggleMonitor(link.id, e.target.checked)}
                />
                {t('tech.ports.monitor')}
              </label>
              {(link.endpoint.kind === 'kiss_serial' || link.endpoint.kind === 'kiss_tcp') && (
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="test-beacon"
                  onClick={async () => {
                    setMessage(null);
                    const r = await beacon({ linkId: link.id });
                    if ('error' in r && r.error) fail(r.error);
                    else if ('data' in r && r.data)
                      setMessage({
                        ok: r.data.ok,
                        text: t('tech.test.beaconSent', { packet: r.data.packet }),
                      });
                  }}
                >
                  {t('tech.test.beacon')}
                </button>
              )}
            </>
          )}
        />
        <UnitCallsigns />
      </div>
    </div>
  );
}
