import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BasemapCrs } from '../../../contract/basemap';
import { toHostError } from '../../app/hostClient';
import type { HostError } from '../../../contract/errors';
import {
  useBasemapAddXyzMutation,
  useBasemapDeleteMutation,
  useBasemapListQuery,
  useBasemapSetActiveMutation,
  useBasemapTestMutation,
  useHostClient,
} from './basemapApi';
import { importBasemapFile } from './importFile';
import './basemap.css';

const fmtBounds = (b: readonly number[]) => b.map((v) => v.toFixed(3)).join(', ');

/** Host errors carry an English sentence from host/map; the reason code picks a translated lead-in. */
function ErrorLine({ error }: { error: HostError }) {
  const { t } = useTranslation();
  const reason = typeof error.params?.reason === 'string' ? error.params.reason : null;
  const detail = typeof error.params?.detail === 'string' ? error.params.detail : error.message;
  return (
    <p
      className="basemap-form-error"
      role="alert"
      data-testid="basemap-import-error"
      data-reason={reason ?? ''}
    >
      {reason
        ? t(`basemap.problem.${reason}`, { defaultValue: t('basemap.problem.other') })
        : t('basemap.problem.other')}{' '}
      <span className="basemap-detail">{detail}</span>
    </p>
  );
}

function ImportForm() {
  const { t } = useTranslation();
  const host = useHostClient();
  const [crs, setCrs] = useState<BasemapCrs>('wgs84');
  const [attribution, setAttribution] = useState('');
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<HostError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <form
      className="basemap-form"
      data-testid="basemap-import"
      onSubmit={(e) => {
        e.preventDefault();
        const file = fileRef.current?.files?.[0];
        if (!file) return;
        setError(null);
        setDone(null);
        setProgress({ sent: 0, total: file.size });
        importBasemapFile(host, file, { crs, attribution }, (sent, total) => setProgress({ sent, total }))
          .then((b) => setDone(b.name))
          .catch((err: unknown) => setError(toHostError(err)))
          .finally(() => setProgress(null));
      }}
    >
      <h3>{t('basemap.import.title')}</h3>
      <label>
        {t('basemap.import.file')}
        <input ref={fileRef} type="file" accept=".pmtiles,.mbtiles" data-testid="basemap-file" required />
      </label>
      <label>
        {t('basemap.crs.label')}
        <select
          value={crs}
          onChange={(e) => setCrs(e.target.value as BasemapCrs)}
          data-testid="basemap-import-crs"
        >
          <option value="wgs84">{t('basemap.crs.wgs84')}</option>
          <option value="gcj02">{t('basemap.crs.gcj02')}</option>
        </select>
      </label>
      <label>
        {t('basemap.attribution')}
        <input
          value={attribution}
          onChange={(e) => setAttribution(e.target.value)}
          data-testid="basemap-import-attribution"
          maxLength={300}
          placeholder={t('basemap.attributionHint')}
        />
      </label>
      <button
        type="submit"
        className="btn btn-primary"
        disabled={progress !== null}
        data-testid="basemap-import-submit"
      >
        {t('basemap.import.submit')}
      </button>
      {progress && (
        <progress
          max={progress.total || 1}
          value={progress.sent}
          data-testid="basemap-import-progress"
          aria-label={t('basemap.import.progress')}
        />
      )}
      {done && (
        <p className="basemap-ok" role="status" data-testid="basemap-import-done">
          {t('basemap.import.done', { name: done })}
        </p>
      )}
      {error && <ErrorLine error={error} />}
    </form>
  );
}

function XyzForm() {
  const { t } = useTranslation();
  const [add, { error, isLoading }] = useBasemapAddXyzMutation();
  const [f, setF] = useState({
    name: '',
    urlTemplate: '',
    subdomains: '',
    key: '',
    crs: 'gcj02' as BasemapCrs,
    attribution: '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF((s) => ({ ...s, [k]: e.target.value }));
  return (
    <form
      className="basemap-form"
      data-testid="basemap-xyz"
      onSubmit={(e) => {
        e.preventDefault();
        void add({
          name: f.name,
          urlTemplate: f.urlTemplate,
          subdomains: f.subdomains
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          key: f.key,
          crs: f.crs,
          attribution: f.attribution,
        })
          .unwrap()
          .then(() => setF((s) => ({ ...s, name: '', urlTemplate: '', key: '' })))
          .catch(() => undefined);
      }}
    >
      <h3>{t('basemap.xyz.title')}</h3>
      <label>
        {t('basemap.xyz.name')}
        <input value={f.name} onChange={set('name')} required maxLength={80} data-testid="xyz-name" />
      </label>
      <label>
        {t('basemap.xyz.template')}
        <input
          value={f.urlTemplate}
          onChange={set('urlTemplate')}
          required
          placeholder="https://t{s}.tianditu.gov.cn/vec_w/wmts?…&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}"
          data-testid="xyz-template"
        />
      </label>
      <label>
        {t('basemap.xyz.subdomains')}
        <input
          value={f.subdomains}
          onChange={set('subdomains')}
          placeholder="0,1,2,3"
          data-testid="xyz-subdomains"
        />
      </label>
      <label>
        {t('basemap.xyz.key')}
        <input type="password" autoComplete="off" value={f.key} onChange={set('key')} data-testid="xyz-key" />
      </label>
      <label>
        {t('basemap.crs.label')}
        <select value={f.crs} onChange={set('crs')} data-testid="xyz-crs">
          <option value="wgs84">{t('basemap.crs.wgs84')}</option>
          <option value="gcj02">{t('basemap.crs.gcj02')}</option>
        </select>
      </label>
      <label>
        {t('basemap.attribution')}
        <input value={f.attribution} onChange={set('attribution')} data-testid="xyz-attribution" />
      </label>
      <button type="submit" className="btn btn-primary" disabled={isLoading} data-testid="xyz-submit">
        {t('basemap.xyz.submit')}
      </button>
      {error && <ErrorLine error={toHostError(error)} />}
    </form>
  );
}

/** The technicians' basemap page: list, choose, test, delete, import a file, add an online source. */
export function BasemapSettings({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { data: basemaps } = useBasemapListQuery();
  const [setActive] = useBasemapSetActiveMutation();
  const [remove] = useBasemapDeleteMutation();
  const [test] = useBasemapTestMutation();
  const [tests, setTests] = useState<Record<string, { ok: boolean; detail: string; ms: number }>>({});
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const active = basemaps?.find((b) => b.active);
  return (
    <section
      ref={ref}
      className="basemap-screen"
      tabIndex={-1}
      aria-labelledby="basemap-title"
      data-testid="basemap-settings"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="panel-head">
        <h2 id="basemap-title">{t('basemap.title')}</h2>
        <div className="topbar-spacer" />
        <button
          type="button"
          className="btn btn-icon"
          aria-label={t('radio.close')}
          onClick={onClose}
          data-testid="basemap-close"
        >
          ×
        </button>
      </div>
      <div className="basemap-body">
        <div className="basemap-list-wrap">
          <table className="basemap-list" data-testid="basemap-list">
            <thead>
              <tr>
                <th>{t('basemap.col.active')}</th>
                <th>{t('basemap.col.name')}</th>
                <th>{t('basemap.col.kind')}</th>
                <th>{t('basemap.crs.label')}</th>
                <th>{t('basemap.col.zooms')}</th>
                <th>{t('basemap.col.bounds')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>
                  <input
                    type="radio"
                    name="basemap-active"
                    checked={!active}
                    onChange={() => void setActive({ id: null })}
                    aria-label={t('basemap.none')}
                  />
                </td>
                <td colSpan={6}>{t('basemap.none')}</td>
              </tr>
              {(basemaps ?? []).map((b) => (
                <tr
                  key={b.id}
                  data-testid="basemap-row"
                  data-name={b.name}
                  data-active={b.active ? 'true' : 'false'}
                >
                  <td>
                    <input
                      type="radio"
                      name="basemap-active"
                      checked={b.active}
                      onChange={() => void setActive({ id: b.id })}
                      aria-label={t('basemap.choose', { name: b.name })}
                      data-testid="basemap-choose"
                    />
                  </td>
                  <td>
                    <div className="basemap-name">{b.name}</div>
                    {b.attribution && <div className="basemap-attr">{b.attribution}</div>}
                    {tests[b.id] && (
                      <div
                        className={tests[b.id]!.ok ? 'basemap-ok' : 'basemap-form-error'}
                        data-testid="basemap-test-result"
                      >
                        {tests[b.id]!.ok
                          ? t('basemap.testOk', { ms: tests[b.id]!.ms })
                          : t('basemap.testFailed')}{' '}
                        {tests[b.id]!.detail}
                      </div>
                    )}
                  </td>
                  <td>
                    {b.kind === 'file'
                      ? t('basemap.kind.file', { format: b.format.toUpperCase() })
                      : t('basemap.kind.xyz')}
                    {b.builtIn && ` · ${t('basemap.builtIn')}`}
                  </td>
                  <td>{t(`basemap.crs.${b.crs}`)}</td>
                  <td>
                    {b.minzoom}–{b.maxzoom}
                  </td>
                  <td className="basemap-bounds">{fmtBounds(b.bounds)}</td>
                  <td className="basemap-actions">
                    <button
                      type="button"
                      className="btn"
                      data-testid="basemap-test"
                      onClick={() =>
                        void test({ id: b.id })
                          .unwrap()
                          .then((r) => setTests((s) => ({ ...s, [b.id]: r })))
                      }
                    >
                      {t('basemap.test')}
                    </button>
                    {!b.builtIn && (
                      <button
                        type="button"
                        className="btn"
                        data-testid="basemap-delete"
                        onClick={() => void remove({ id: b.id })}
                      >
                        {t('basemap.delete')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="basemap-forms">
          <ImportForm />
          <XyzForm />
        </div>
      </div>
    </section>
  );
}

/** The top-bar entry; the page opens over the workspace (Esc closes it). */
export function BasemapNav() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={`btn radio-nav-btn${open ? ' on' : ''}`}
        aria-pressed={open}
        data-testid="nav-basemap"
        onClick={() => setOpen((o) => !o)}
      >
        {t('basemap.nav')}
      </button>
      {open && <BasemapSettings onClose={() => setOpen(false)} />}
    </>
  );
}
